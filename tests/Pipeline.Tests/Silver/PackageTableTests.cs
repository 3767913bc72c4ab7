using System.Text;
using Pipeline.Core.Datasets;
using Pipeline.Core.Lake;
using Pipeline.Core.Lake.Tables;
using Pipeline.Core.Raw;
using Pipeline.Core.Runs;
using Pipeline.Core.Silver;
using Pipeline.Tests.Infrastructure;
using Pipeline.Tests.Sources;

namespace Pipeline.Tests.Silver;

/// <summary>Silver tables built from the current resources of a package, straight from the raw writer's pointer.</summary>
[TestClass]
public sealed class PackageTableTests
{
    private static async Task<LakePath> StoreAsync(ILakeStore lake, string id, string name, string table, int jaar, string csv)
    {
        await using var staged = new StagingFile(1 << 20);
        await staged.Writer.WriteAsync(Encoding.UTF8.GetBytes(csv));
        var stored = await new RawWriter(lake).StoreResourceAsync(staged,
            new RawSidecar { Bron = "duo", Dataset = DuoPortal.Instroom, Extension = "csv", CkanResourceName = name, CkanResourceJaar = jaar, SilverTable = table },
            new RawResource(id, name, 0, table, jaar));
        return stored.Path;
    }

    [TestMethod]
    public async Task The_shape_without_a_year_column_takes_each_files_year_from_its_resource()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        const string table = "instromende_mbo_studenten_vooropleiding";
        await StoreAsync(lake, "a", $"2022 {DuoPortal.VooropleidingSuffix}", table, 2022, DuoPortal.VooropleidingCsv(2022));
        var last = await StoreAsync(lake, "b", $"2023 {DuoPortal.VooropleidingSuffix}", table, 2023, DuoPortal.VooropleidingCsv(2023));

        var result = await new SilverService().NormaliseAsync(lake, last, "run-1");

        Assert.AreEqual(StageStatuses.Succeeded, result.Status, string.Join("; ", result.Errors));
        var t = SilverSchemas.InstroomVooropleiding.Table;
        var rows = await TableReader.ReadRowsAsync(lake, t);
        CollectionAssert.AreEquivalent(new[] { 2022, 2022, 2023, 2023 }, rows.Select(r => (int)r[t.IndexOf("jaar")]!).ToArray());
        Assert.IsTrue(rows.Any(r => r[t.IndexOf("instroom_mbo")] is null && (bool)r[t.IndexOf("onderdrukt")]!), "-1 is suppressed, not a number");
        Assert.AreEqual(2, result.Inputs.Count, "the manifest lists both raw files");
    }

    [TestMethod]
    public void Without_a_resource_year_the_shape_without_a_year_column_is_refused_never_guessed()
    {
        var header = DuoPortal.VooropleidingHeader.Split(',');

        var e = Assert.ThrowsExactly<SchemaDriftException>(() => TabularNormalisers.InstroomVooropleiding(new RowContext("raw/duo/x.csv", header)));

        StringAssert.Contains(e.Message, "raw/duo/x.csv");
        StringAssert.Contains(e.Message, "never guessed");
    }

    [TestMethod]
    public async Task Two_current_files_with_the_same_year_fail_naming_both_resources_and_publish_nothing()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        const string table = "instromende_mbo_studenten";
        await StoreAsync(lake, "a", $"2023 {DuoPortal.SoortenSuffix}", table, 2023, DuoPortal.SoortenCsv(2023));
        var second = await StoreAsync(lake, "b", $"2024 {DuoPortal.SoortenSuffix} (herzien)", table, 2024, DuoPortal.SoortenCsv(2023));

        var result = await new SilverService().NormaliseAsync(lake, second, "run-1");

        Assert.AreEqual(StageStatuses.Failed, result.Status);
        var error = result.Errors.Single();
        StringAssert.Contains(error, "jaar 2023 comes from 2 raw files");
        StringAssert.Contains(error, $"'2023 {DuoPortal.SoortenSuffix}'");
        StringAssert.Contains(error, $"'2024 {DuoPortal.SoortenSuffix} (herzien)'");
        Assert.AreEqual(0, (await lake.NamesAsync("silver/")).Count, "nothing published");
    }
}
