using Microsoft.Extensions.Configuration;
using Pipeline.Core.Datasets;
using Pipeline.Core.Silver;
using Pipeline.Core.Sources;
using Pipeline.Core.Sources.Uploads;

namespace Pipeline.Tests.Datasets;

[TestClass]
public sealed class DatasetCatalogTests
{
    private static SourceCatalog Bind(Dictionary<string, string?> settings) =>
        SourceCatalog.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [TestMethod]
    public void Every_table_is_declared_once_and_every_lookup_derives_from_the_declarations()
    {
        var tables = DatasetCatalog.Tables.Select(t => t.Name).ToList();
        CollectionAssert.AllItemsAreUnique(tables);
        CollectionAssert.AreEqual(tables, SilverSchemas.All.Select(s => s.TableName).ToList(), "the data dictionary lists the declared tables");
        foreach (var table in DatasetCatalog.Tables)
        {
            var (dataset, declared) = DatasetCatalog.ForTable(table.Name)!.Value;
            Assert.AreSame(table, declared);
            Assert.AreEqual((dataset.Bron, dataset.Dataset), (table.Schema.Bron, table.Schema.Dataset), table.Name);
            Assert.AreEqual(table.Schema.Format != SourceFormat.CbsJson, table.Bind is not null, $"{table.Name}: tabular tables have a row mapping");
            Assert.AreEqual(dataset.Bron == "duo", table.Resources is not null, $"{table.Name}: CKAN tables have a resource rule");
        }
        CollectionAssert.AreEqual(new[] { "landing/job/", "landing/ambities/" }, UploadFolders.All.Select(f => f.Folder).ToArray());
        CollectionAssert.AreEquivalent(new[] { "85368NED", "85696NED" }, CbsSourceOptions.Defaults().Keys.ToArray());
    }

    [TestMethod]
    public void Without_configuration_every_declared_DUO_dataset_is_fetched_with_its_declared_rules()
    {
        var catalog = Bind(new Dictionary<string, string?>());

        CollectionAssert.AreEquivalent(new[] { "mbo-studenten-per-instelling", "gediplomeerde-mbo-studenten", "instromende-mbo-studenten" },
            catalog.Duo.Datasets.Keys.ToArray());
        var rule = catalog.Duo.Datasets["mbo-studenten-per-instelling"].Rules(DatasetCatalog.StudentenPerInstelling).Single().Rule;
        Assert.AreEqual(DatasetCatalog.StudentenPerInstelling.Tables[0].Resources, rule);
    }

    [TestMethod]
    public void The_dataset_level_keys_still_set_the_first_tables_rule_and_Tables_keys_set_any_table()
    {
        var catalog = Bind(new Dictionary<string, string?>
        {
            ["Sources:Duo:Datasets:instromende-mbo-studenten:ResourceName"] = "^2025 .*soorten-instroom$",
            ["Sources:Duo:Datasets:instromende-mbo-studenten:Tables:instromende_mbo_studenten_vooropleiding:Position"] = "3",
        });

        var rules = catalog.Duo.Datasets["instromende-mbo-studenten"].Rules(DatasetCatalog.Instroom);

        Assert.AreEqual("^2025 .*soorten-instroom$", rules[0].Rule.NamePattern);
        Assert.AreEqual(DatasetCatalog.InstroomVooropleidingPattern, rules[1].Rule.NamePattern);
        Assert.AreEqual(3, rules[1].Rule.Position);
        Assert.IsTrue(rules[1].Rule.PerYear, "one resource per year is the table's shape, not configuration");
    }

    [TestMethod]
    [DataRow("Sources:Duo:Datasets:studenten:Download", "url", "Sources:Duo:Datasets:studenten is not a declared DUO dataset")]
    [DataRow("Sources:Duo:Datasets:gediplomeerde-mbo-studenten:Tables:diplomas:ResourceName", "x", "has no table 'diplomas'")]
    [DataRow("Sources:Duo:Datasets:gediplomeerde-mbo-studenten:ResourceName", "([", "is not a valid regular expression")]
    public void A_wrong_override_fails_at_start_naming_its_key(string key, string value, string message)
    {
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => Bind(new Dictionary<string, string?> { [key] = value }));
        StringAssert.Contains(e.Message, message);
    }
}
