using Pipeline.Core.Datasets;
using Pipeline.Core.Sources;
using Pipeline.Core.Sources.Duo;

namespace Pipeline.Tests.Sources.Duo;

[TestClass]
public sealed class ResourceSelectorTests
{
    private static CkanPackage Package(string dataset) => new()
    {
        Name = dataset,
        Resources = DuoPortal.Listings()[dataset].Select((r, i) => new CkanResource
        {
            Id = r.Id, Name = r.Name, Format = r.Format, Position = i,
            Url = $"https://onderwijsdata.duo.nl/dataset/{dataset}/resource/{r.Id}/download/{r.FileName}",
        }).ToList(),
    };

    private static ResourceSelection Select(CkanPackage package, DatasetDeclaration dataset, DuoDatasetOptions? options = null) =>
        ResourceSelector.Select(package, dataset, (options ?? new DuoDatasetOptions()).Rules(dataset));

    [TestMethod]
    public void Of_the_six_studenten_resources_only_the_leerweg_file_is_taken_although_position_1_shares_its_file_name_tail()
    {
        var selection = Select(Package(DuoPortal.Studenten), DatasetCatalog.StudentenPerInstelling);

        Assert.IsEmpty(selection.Problems);
        var taken = selection.Selected.Single();
        Assert.AreEqual(("stud-0", 0, "mbo_studenten_per_instelling"), (taken.Resource.Id, taken.Position, taken.Table.Name));
    }

    [TestMethod]
    public void The_ten_inflow_resources_go_five_to_each_table_with_the_year_from_the_name()
    {
        var selection = Select(Package(DuoPortal.Instroom), DatasetCatalog.Instroom);

        Assert.IsEmpty(selection.Problems);
        foreach (var table in new[] { "instromende_mbo_studenten", "instromende_mbo_studenten_vooropleiding" })
            CollectionAssert.AreEqual(new int?[] { 2021, 2022, 2023, 2024, 2025 },
                selection.Selected.Where(s => s.Table.Name == table).Select(s => s.Jaar).Order().ToArray(), table);
    }

    [TestMethod]
    public void Two_resources_of_one_shape_for_the_same_year_are_an_error_listing_both_and_other_years_go_on()
    {
        var package = Package(DuoPortal.Instroom);
        package = package with
        {
            Resources = [.. package.Resources, new CkanResource { Id = "dup", Name = $"2023 {DuoPortal.SoortenSuffix}", Format = "CSV", Position = 10 }],
        };

        var selection = Select(package, DatasetCatalog.Instroom);

        var (table, problem) = selection.Problems.Single();
        Assert.AreEqual("instromende_mbo_studenten", table);
        StringAssert.Contains(problem, "2 resources for year 2023");
        StringAssert.Contains(problem, "id soorten-2023");
        StringAssert.Contains(problem, "id dup");
        Assert.IsFalse(selection.Selected.Any(s => s.Table.Name == table && s.Jaar == 2023));
        Assert.AreEqual(4, selection.Selected.Count(s => s.Table.Name == table), "the other years are still taken");
    }

    [TestMethod]
    public void A_per_year_resource_without_a_year_in_its_name_is_an_error_naming_it_never_a_guess()
    {
        var package = Package(DuoPortal.Instroom);
        package = package with
        {
            Resources = [.. package.Resources, new CkanResource { Id = "noyear", Name = $"nieuw {DuoPortal.VooropleidingSuffix}", Format = "CSV", Position = 10 }],
        };

        var selection = Select(package, DatasetCatalog.Instroom);

        var problem = selection.Problems.Single().Problem;
        StringAssert.Contains(problem, $"resource 'nieuw {DuoPortal.VooropleidingSuffix}' of dataset 'instromende-mbo-studenten'");
        StringAssert.Contains(problem, "no year as the first word");
        Assert.IsFalse(selection.Selected.Any(s => s.Resource.Id == "noyear"));
    }

    [TestMethod]
    public void An_operator_rule_per_table_overrides_the_declared_one()
    {
        var options = new DuoDatasetOptions
        {
            Tables = { ["instromende_mbo_studenten_vooropleiding"] = new DuoResourceOptions { ResourceName = "^2025 .*vooropleiding$" } },
        };

        var selection = Select(Package(DuoPortal.Instroom), DatasetCatalog.Instroom, options);

        Assert.AreEqual("vooropleiding-2025", selection.Selected.Single(s => s.Table.Name == "instromende_mbo_studenten_vooropleiding").Resource.Id);
        Assert.AreEqual(5, selection.Selected.Count(s => s.Table.Name == "instromende_mbo_studenten"), "the other table keeps its rule");
    }
}
