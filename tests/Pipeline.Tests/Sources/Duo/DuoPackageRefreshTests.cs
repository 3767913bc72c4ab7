using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core.Lake;
using Pipeline.Core.Lake.Tables;
using Pipeline.Core.Orchestration;
using Pipeline.Core.Raw;
using Pipeline.Core.Runs;
using Pipeline.Core.Silver;

namespace Pipeline.Tests.Sources.Duo;

/// <summary>
/// The three DUO packages as the portal lists them (real names, positions and headers, tiny bodies) on a WireMock
/// loopback server, through a full refresh: which resources reach raw, what silver holds per year, a second night, a
/// new year, a resource with a lost column and a resource that leaves the listing.
/// </summary>
[TestClass]
public sealed class DuoPackageRefreshTests
{
    private static Task<RunManifest> RefreshAsync(BronzeHarness h, Dictionary<string, string?>? settings = null) =>
        h.Services(settings, onlyDuo: true).GetRequiredService<PipelineService>().RefreshAsync("test");

    private static async Task<List<int>> YearsAsync(ILakeStore lake, DatasetSchema schema)
    {
        var table = schema.Table;
        var jaar = table.IndexOf("jaar");
        return (await TableReader.ReadRowsAsync(lake, table)).Select(r => (int)r[jaar]!).Distinct().Order().ToList();
    }

    private static List<StageRecord> Bronze(RunManifest run) => run.Stages.Where(s => s.Stage == "bronze" && s.Dataset!.StartsWith("duo/", StringComparison.Ordinal)).ToList();

    [TestMethod]
    public async Task Refresh_takes_the_leerweg_file_the_diplomas_and_all_ten_inflow_files_and_builds_both_inflow_tables_per_year()
    {
        using var h = new BronzeHarness();
        var portal = new DuoPortal(h.Server);
        portal.Serve();

        var run = await RefreshAsync(h);

        var bronze = Bronze(run);
        Assert.AreEqual(12, bronze.Count, string.Join("; ", bronze.Select(b => b.Message)));
        Assert.IsTrue(bronze.All(s => s.Status == StageStatuses.Succeeded), string.Join("; ", bronze.SelectMany(s => s.Errors)));
        foreach (var r in portal.Packages[DuoPortal.Studenten])
            Assert.AreEqual(r.Id == "stud-0" ? 1 : 0, portal.Requests(DuoPortal.Studenten, r, 200), $"downloads of '{r.Name}'");
        foreach (var r in portal.Packages[DuoPortal.Instroom].Concat(portal.Packages[DuoPortal.Gediplomeerden]))
            Assert.AreEqual(1, portal.Requests(r.Id.StartsWith("dipl", StringComparison.Ordinal) ? DuoPortal.Gediplomeerden : DuoPortal.Instroom, r, 200), r.Name);

        var studenten = (await h.CurrentAsync("duo", DuoPortal.Studenten))!;
        Assert.AreEqual("stud-0", studenten.Resources.Single().Id, "only the leerweg file is current");
        Assert.AreEqual(2, (await h.FilesAsync($"raw/duo/{DuoPortal.Studenten}/")).Count, "one data file and its sidecar");
        var instroom = (await h.CurrentAsync("duo", DuoPortal.Instroom))!;
        Assert.AreEqual(10, instroom.Files.Count, "the pointer lists every current file of the dataset");
        var entry = instroom.Resources.Single(r => r.Id == "vooropleiding-2023");
        Assert.AreEqual(("instromende_mbo_studenten_vooropleiding", 2023, 5), (entry.Table, entry.Jaar, entry.Position));
        var sidecar = (await RawWriter.ReadSidecarAsync(h.Lake, LakePath.Parse(entry.Sidecar)))!;
        Assert.AreEqual($"2023 {DuoPortal.VooropleidingSuffix}", sidecar.CkanResourceName);
        Assert.AreEqual((5, 2023, "instromende_mbo_studenten_vooropleiding"), (sidecar.CkanResourcePosition, sidecar.CkanResourceJaar, sidecar.SilverTable));

        CollectionAssert.AreEqual(new[] { 2021, 2022, 2023, 2024, 2025 }, await YearsAsync(h.Lake, SilverSchemas.Instroom));
        CollectionAssert.AreEqual(new[] { 2021, 2022, 2023, 2024, 2025 }, await YearsAsync(h.Lake, SilverSchemas.InstroomVooropleiding));
        var soorten = await TableReader.ReadRowsAsync(h.Lake, SilverSchemas.Instroom.Table);
        Assert.AreEqual(10, soorten.Count, "two rows from each of the five shape-B files, none from shape A");
        Assert.IsTrue(soorten.Any(r => (string)r[SilverSchemas.Instroom.Table.IndexOf("leerweg")]! == "BOL"), "silver keeps DUO's code");
        var vooropleiding = await TableReader.ReadRowsAsync(h.Lake, SilverSchemas.InstroomVooropleiding.Table);
        Assert.AreEqual(10, vooropleiding.Count);
        var meta = await TableReader.ReadMetadataAsync(h.Lake, SilverSchemas.InstroomVooropleiding.Table.PartitionFile(2024));
        Assert.AreEqual($"2024 {DuoPortal.VooropleidingSuffix}", meta["resource"], "each partition names the resource it came from");
        Assert.AreEqual(40, (await TableReader.ReadRowsAsync(h.Lake, SilverSchemas.StudentenPerInstelling.Table)).Count,
            "two institutions × five years × four leerwegen, from the leerweg file only");
        Assert.AreEqual(5, (await SilverState.ReadAsync(h.Lake, "instromende_mbo_studenten", CancellationToken.None))!.Inputs.Count);
    }

    [TestMethod]
    public async Task A_second_night_asks_conditionally_per_resource_and_stores_nothing_new()
    {
        using var h = new BronzeHarness();
        var portal = new DuoPortal(h.Server);
        portal.Serve();
        await RefreshAsync(h);
        var raw = await h.FilesAsync("raw/");
        var states = await h.FilesAsync("_state/silver/");

        var second = await RefreshAsync(h);

        var bronze = Bronze(second);
        Assert.AreEqual(12, bronze.Count);
        Assert.IsTrue(bronze.All(s => s.Status == StageStatuses.Unchanged && s.Message!.Contains("304 Not Modified")), string.Join("; ", bronze.Select(b => b.Message)));
        foreach (var r in portal.Packages[DuoPortal.Instroom])
            Assert.AreEqual(1, portal.Requests(DuoPortal.Instroom, r, 304), r.Name);
        CollectionAssert.AreEqual(raw, await h.FilesAsync("raw/"), "nothing new in raw");
        Assert.IsFalse(second.Stages.Any(s => s.Stage == "silver"), "silver is current: nothing rebuilt");
        CollectionAssert.AreEqual(states, await h.FilesAsync("_state/silver/"));
    }

    [TestMethod]
    public async Task Two_more_resources_for_2026_add_2026_to_both_inflow_tables_without_configuration()
    {
        using var h = new BronzeHarness();
        var portal = new DuoPortal(h.Server);
        portal.Serve();
        await RefreshAsync(h);

        portal.Packages[DuoPortal.Instroom].AddRange(DuoPortal.InstroomYear(2026));
        portal.Serve();
        var run = await RefreshAsync(h);

        var bronze = Bronze(run);
        Assert.AreEqual(2, bronze.Count(s => s.Status == StageStatuses.Succeeded), string.Join("; ", bronze.Select(b => b.Message)));
        Assert.AreEqual(12, bronze.Count(s => s.Status == StageStatuses.Unchanged));
        CollectionAssert.AreEqual(new[] { 2021, 2022, 2023, 2024, 2025, 2026 }, await YearsAsync(h.Lake, SilverSchemas.Instroom));
        CollectionAssert.AreEqual(new[] { 2021, 2022, 2023, 2024, 2025, 2026 }, await YearsAsync(h.Lake, SilverSchemas.InstroomVooropleiding));
        Assert.AreEqual(12, (await h.CurrentAsync("duo", DuoPortal.Instroom))!.Resources.Count);
    }

    [TestMethod]
    public async Task A_resource_whose_header_lost_a_column_is_quarantined_naming_the_column_and_the_table_keeps_its_data()
    {
        using var h = new BronzeHarness();
        var portal = new DuoPortal(h.Server);
        portal.Serve();
        await RefreshAsync(h);
        var partition = SilverSchemas.Instroom.Table.PartitionFile(2023);
        var before = await h.ReadBytesAsync(partition.Value);
        var pointerBefore = (await h.CurrentAsync("duo", DuoPortal.Instroom))!.Resource("soorten-2023")!;

        var list = portal.Packages[DuoPortal.Instroom];
        var i = list.FindIndex(r => r.Id == "soorten-2023");
        list[i] = list[i] with { Csv = string.Join("\r\n", list[i].Csv.Split("\r\n").Select(l => l.Length == 0 ? l : l[..l.LastIndexOf(',')])) };
        portal.Serve();
        var run = await RefreshAsync(h);

        var failed = Bronze(run).Single(s => s.Status == StageStatuses.Failed);
        var error = failed.Errors.Single();
        StringAssert.Contains(error, "'AANTAL'");
        StringAssert.Contains(error, DuoPortal.Instroom);
        StringAssert.Contains(error, $"2023 {DuoPortal.SoortenSuffix}");
        var reason = (await h.FilesAsync($"quarantine/bronze/duo/{DuoPortal.Instroom}/")).Single(f => f.EndsWith(".reason.txt", StringComparison.Ordinal));
        StringAssert.Contains(await h.ReadTextAsync(reason), "AANTAL");
        CollectionAssert.AreEqual(before, await h.ReadBytesAsync(partition.Value), "the 2023 partition is untouched");
        Assert.AreEqual(pointerBefore, (await h.CurrentAsync("duo", DuoPortal.Instroom))!.Resource("soorten-2023"), "the previous file stays current");
        CollectionAssert.AreEqual(new[] { 2021, 2022, 2023, 2024, 2025 }, await YearsAsync(h.Lake, SilverSchemas.Instroom));
    }

    [TestMethod]
    public async Task A_resource_that_leaves_the_listing_is_a_warning_and_its_year_stays()
    {
        using var h = new BronzeHarness();
        var portal = new DuoPortal(h.Server);
        portal.Serve();
        await RefreshAsync(h);

        portal.Packages[DuoPortal.Instroom].RemoveAll(r => r.Id == "vooropleiding-2021");
        portal.Serve();
        var run = await RefreshAsync(h);

        var warning = Bronze(run).Single(s => s.Message!.Contains("WARNING"));
        Assert.AreEqual(StageStatuses.Unchanged, warning.Status);
        StringAssert.Contains(warning.Message, $"2021 {DuoPortal.VooropleidingSuffix}");
        StringAssert.Contains(warning.Message, "no longer in the package listing");
        Assert.AreEqual(RunOutcomes.Succeeded, run.Outcome);
        var entry = (await h.CurrentAsync("duo", DuoPortal.Instroom))!.Resource("vooropleiding-2021")!;
        Assert.IsNotNull(entry.GoneSince);
        CollectionAssert.AreEqual(new[] { 2021, 2022, 2023, 2024, 2025 }, await YearsAsync(h.Lake, SilverSchemas.InstroomVooropleiding));
        using var manifest = JsonDocument.Parse(await h.ReadTextAsync($"_runs/{run.RunId}.json"));
        StringAssert.Contains(manifest.RootElement.GetRawText(), "no longer in the package listing");
    }

    [TestMethod]
    public async Task An_operator_who_narrows_a_rule_gets_a_table_of_exactly_the_resources_it_selects()
    {
        using var h = new BronzeHarness();
        var portal = new DuoPortal(h.Server);
        portal.Serve();
        await RefreshAsync(h);

        var run = await RefreshAsync(h, new Dictionary<string, string?>
        {
            ["Sources:Duo:Datasets:instromende-mbo-studenten:Tables:instromende_mbo_studenten_vooropleiding:ResourceName"] = $"^2025 {DuoPortal.VooropleidingSuffix}$",
        });

        Assert.AreEqual(RunOutcomes.Succeeded, run.Outcome);
        CollectionAssert.AreEqual(new[] { 2025 }, await YearsAsync(h.Lake, SilverSchemas.InstroomVooropleiding));
        Assert.AreEqual(0, (await h.FilesAsync("silver/instromende_mbo_studenten_vooropleiding/jaar=2021/")).Count, "the year no rule selects is gone");
        CollectionAssert.AreEqual(new[] { 2021, 2022, 2023, 2024, 2025 }, await YearsAsync(h.Lake, SilverSchemas.Instroom), "the other table keeps its rule");
        Assert.AreEqual(6, (await h.CurrentAsync("duo", DuoPortal.Instroom))!.Resources.Count, "five shape-B resources and the one selected shape-A resource");
    }
}
