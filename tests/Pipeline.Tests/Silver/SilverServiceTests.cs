using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core.Orchestration;
using Pipeline.Core.Lake;
using Pipeline.Core.Lake.Tables;
using Pipeline.Core.Runs;
using Pipeline.Core.Silver;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Silver;

[TestClass]
public sealed class SilverServiceTests
{
    private static readonly SilverService Service = new();

    private static async Task<(FileSystemLake Lake, TempDirectory Dir)> NewLakeAsync()
    {
        var dir = new TempDirectory();
        await Task.CompletedTask;
        return (new FileSystemLake(dir.Path), dir);
    }

    private static async Task<List<Dictionary<string, object?>>> RowsAsync(ILakeStore lake, DatasetSchema schema)
    {
        var table = schema.Table;
        var rows = await TableReader.ReadRowsAsync(lake, table);
        return rows.Select(r => table.Columns.Select((c, i) => (c.Name, r[i])).ToDictionary(x => x.Name, x => x.Item2)).ToList();
    }

    [TestMethod]
    public async Task PortalFileWithBomSuppressionSpacesAndProvisionalYearNormalisesToLongRows()
    {
        var (lake, dir) = await NewLakeAsync();
        using var _ = dir;
        var raw = await SilverFixtures.PutRawAsync(lake, "duo", "mbo-studenten-per-instelling", "studenten-portal.csv", voorlopig: 2025);

        var result = await Service.NormaliseAsync(lake, raw, SilverFixtures.RunId);

        Assert.AreEqual(StageStatuses.Succeeded, result.Status, string.Join("; ", result.Errors));
        Assert.AreEqual(75, result.RowsIn);
        Assert.AreEqual(300, result.RowsOut);
        var rows = await RowsAsync(lake, SilverSchemas.StudentenPerInstelling);
        Assert.AreEqual(300, rows.Count);
        Assert.IsTrue(rows.Any(r => (string)r["instellingscode"]! == "28DE"), "trailing spaces trimmed from codes");
        Assert.IsFalse(rows.Any(r => ((string)r["instellingscode"]!).EndsWith(' ')));
        Assert.IsTrue(rows.Where(r => (string)r["instellingscode"]! == "25KZ").All(r => r["bevoegd_gezag_nummer"] is null), "a single-space cell is null");
        Assert.AreEqual("0014", rows.First(r => (string)r["instellingscode"]! == "28DE")["gemeentenummer"]);
        var suppressed = rows.Where(r => (bool)r["onderdrukt"]!).ToList();
        Assert.IsTrue(suppressed.Count > 0);
        Assert.IsTrue(suppressed.All(r => r["aantal"] is null), "-1 becomes null, never a number");
        Assert.IsTrue(rows.Where(r => (int)r["jaar"]! == 2025).All(r => (bool)r["voorlopig"]!));
        Assert.IsTrue(rows.Where(r => (int)r["jaar"]! < 2025).All(r => !(bool)r["voorlopig"]!));
        CollectionAssert.AreEquivalent(new[] { "BBL", "BOLDT", "BOLVT", "EX" }, rows.Select(r => (string)r["leerweg"]!).Distinct().ToArray());
        var meta = await TableReader.ReadMetadataAsync(lake, SilverSchemas.StudentenPerInstelling.Table.PartitionFile(2023));
        Assert.AreEqual("1", meta["schema_version"]);
        Assert.AreEqual(SilverFixtures.RunId, meta["run_id"]);
        StringAssert.Contains(raw.Value, meta["raw_sha256"]);
        Assert.IsTrue(await lake.ExistsAsync(LakePath.Parse("silver/mbo_studenten_per_instelling/_checks.json")));
        Assert.IsTrue(result.Checks.All(c => c.Passed));
    }

    [TestMethod]
    public async Task LegacySemicolonWindows1252FileWithLessThanFiveReadsTheSame()
    {
        var (lake, dir) = await NewLakeAsync();
        using var _ = dir;
        var raw = await SilverFixtures.PutRawAsync(lake, "duo", "mbo-studenten-per-instelling", "studenten-legacy.csv");

        var result = await Service.NormaliseAsync(lake, raw, SilverFixtures.RunId);

        Assert.AreEqual(StageStatuses.Succeeded, result.Status, string.Join("; ", result.Errors));
        var rows = await RowsAsync(lake, SilverSchemas.StudentenPerInstelling);
        Assert.AreEqual("Fryslân", rows.First(r => (string)r["instellingscode"]! == "26DD")["provincie"]);
        Assert.IsTrue(rows.Any(r => (bool)r["onderdrukt"]! && r["aantal"] is null), "<5 becomes null + onderdrukt");
        Assert.IsFalse(rows.Any(r => (bool)r["voorlopig"]!), "without a sidecar no year is flagged provisional");
    }

    [TestMethod]
    public async Task JobMonitorWithSemicolonDecimalCommaAndWindows1252ReadsPercentagesExactly()
    {
        var (lake, dir) = await NewLakeAsync();
        using var _ = dir;
        var raw = await SilverFixtures.PutRawAsync(lake, "job", "job-monitor", "job-monitor-legacy.csv");

        var result = await Service.NormaliseAsync(lake, raw, SilverFixtures.RunId);

        Assert.AreEqual(StageStatuses.Succeeded, result.Status, string.Join("; ", result.Errors));
        var rows = await RowsAsync(lake, SilverSchemas.JobMonitor);
        var veilig = rows.Single(r => (string)r["thema"]! == "veiligheid");
        Assert.AreEqual(79.5, veilig["percentage_positief"]);
        Assert.AreEqual("Ik voel me veilig op één locatie", veilig["vraag"]);
        Assert.IsNull(veilig["rapportcijfer"]);
        Assert.AreEqual(6.8, rows.Single(r => (string)r["thema"]! == "opleiding")["rapportcijfer"]);
    }

    [TestMethod]
    public async Task JobMonitorSpreadsheetReadsThePercentageCellAsShown()
    {
        var (lake, dir) = await NewLakeAsync();
        using var _ = dir;
        var raw = await SilverFixtures.PutRawAsync(lake, "job", "job-monitor", "job-monitor.xlsx");

        var result = await Service.NormaliseAsync(lake, raw, SilverFixtures.RunId);

        Assert.AreEqual(StageStatuses.Succeeded, result.Status, string.Join("; ", result.Errors));
        var rows = await RowsAsync(lake, SilverSchemas.JobMonitor);
        Assert.AreEqual(2, rows.Count);
        Assert.AreEqual(81.0, (double)rows.Single(r => (string)r["thema"]! == "veiligheid")["percentage_positief"]!, 1e-9);
        Assert.AreEqual(350, rows[0]["respondenten"]);
    }

    [TestMethod]
    public async Task ARenamedColumnQuarantinesTheFileNamesTheColumnAndKeepsThePreviousTable()
    {
        var (lake, dir) = await NewLakeAsync();
        using var _ = dir;
        var good = await SilverFixtures.PutRawAsync(lake, "duo", "mbo-studenten-per-instelling", "studenten-portal.csv", "2026-11-01");
        await Service.NormaliseAsync(lake, good, SilverFixtures.RunId);
        var before = await lake.NamesAsync("silver/mbo_studenten_per_instelling/");
        var bytesBefore = await File.ReadAllBytesAsync(lake.FullPath(SilverSchemas.StudentenPerInstelling.Table.PartitionFile(2023)));
        var renamed = await SilverFixtures.PutRawAsync(lake, "duo", "mbo-studenten-per-instelling", "studenten-renamed.csv", "2026-11-20");

        var result = await Service.NormaliseAsync(lake, renamed, "run-2");

        Assert.AreEqual(StageStatuses.Failed, result.Status);
        var error = result.Errors.Single();
        StringAssert.Contains(error, renamed.Value);
        StringAssert.Contains(error, "INSTELLINGSCODE");
        StringAssert.Contains(error, "BRIN NUMMER");
        var sha = renamed.FileName[..64];
        Assert.IsTrue(await lake.ExistsAsync(LakePath.Parse($"quarantine/silver/mbo-studenten-per-instelling/{sha}.csv")));
        StringAssert.Contains(await lake.ReadTextAsync($"quarantine/silver/mbo-studenten-per-instelling/{sha}.csv.reason.txt"), "BRIN NUMMER");
        CollectionAssert.AreEqual(before, await lake.NamesAsync("silver/mbo_studenten_per_instelling/"));
        CollectionAssert.AreEqual(bytesBefore, await File.ReadAllBytesAsync(lake.FullPath(SilverSchemas.StudentenPerInstelling.Table.PartitionFile(2023))));
    }

    [TestMethod]
    public async Task OnePercentBadRowsRejectsTheWholeFileAndKeepsThePreviousTable()
    {
        var (lake, dir) = await NewLakeAsync();
        using var _ = dir;
        var good = await SilverFixtures.PutRawAsync(lake, "duo", "gediplomeerde-mbo-studenten", "gediplomeerden.csv", "2026-11-01");
        await Service.NormaliseAsync(lake, good, SilverFixtures.RunId);
        var bad = await SilverFixtures.PutRawAsync(lake, "duo", "gediplomeerde-mbo-studenten", "gediplomeerden-one-percent-bad.csv", "2026-11-20");

        var result = await Service.NormaliseAsync(lake, bad, "run-2");

        Assert.AreEqual(StageStatuses.Failed, result.Status);
        Assert.AreEqual(10, result.RowsRejected);
        StringAssert.Contains(result.Errors.Single(), "10 of 1000 rows");
        StringAssert.Contains(result.Errors.Single(), "line 7"); // data row 5 is line 7 (header = line 1)
        Assert.IsNotNull(result.Quarantined);
        Assert.AreEqual(600, (await TableReader.ReadRowsAsync(lake, SilverSchemas.Gediplomeerden.Table)).Count, "previous table stays current");
        Assert.AreEqual(0, (await lake.NamesAsync("silver/_rejects/")).Count);
    }

    [TestMethod]
    public async Task OneBadRowGoesToTheRejectsTableWithLineAndColumnAndTheRestLoads()
    {
        var (lake, dir) = await NewLakeAsync();
        using var _ = dir;
        var raw = await SilverFixtures.PutRawAsync(lake, "duo", "gediplomeerde-mbo-studenten", "gediplomeerden-one-bad-row.csv");

        var result = await Service.NormaliseAsync(lake, raw, SilverFixtures.RunId);

        Assert.AreEqual(StageStatuses.Succeeded, result.Status, string.Join("; ", result.Errors));
        Assert.AreEqual(1, result.RowsRejected);
        Assert.AreEqual(999 * 10, result.RowsOut);
        var rejects = await TableReader.ReadRowsAsync(lake, SilverSchemas.Gediplomeerden.RejectsTable);
        var reject = rejects.Single();
        Assert.AreEqual(raw.Value, reject[0]);
        Assert.AreEqual(502L, reject[1]); // data row 500 → line 502
        Assert.AreEqual("DIPMAN2023", reject[2]);
        Assert.AreEqual("abc", reject[3]);
        Assert.AreEqual("not a whole number", reject[4]);
    }

    [TestMethod]
    public async Task AnUnknownLeerwegFailsTheAcceptedValuesCheckAndPublishesNothing()
    {
        var (lake, dir) = await NewLakeAsync();
        using var _ = dir;
        var raw = await SilverFixtures.PutRawAsync(lake, "duo", "gediplomeerde-mbo-studenten", "gediplomeerden-unknown-leerweg.csv");

        var result = await Service.NormaliseAsync(lake, raw, SilverFixtures.RunId);

        Assert.AreEqual(StageStatuses.Failed, result.Status);
        var check = result.Checks.Single(c => c.Check == "accepted_values" && c.Column == "leerweg");
        Assert.IsFalse(check.Passed);
        StringAssert.Contains(check.Detail, "XYZ");
        StringAssert.Contains(result.Errors.Single(), "leerweg");
        Assert.AreEqual(0, (await lake.NamesAsync("silver/")).Count);
        Assert.IsNotNull(result.Quarantined);
    }

    [TestMethod]
    public async Task TheSameRawFileTwiceGivesTheSameRowsWithoutDuplicates()
    {
        var (lake, dir) = await NewLakeAsync();
        using var _ = dir;
        var raw = await SilverFixtures.PutRawAsync(lake, "duo", "instromende-mbo-studenten", "instroom.csv");

        await Service.NormaliseAsync(lake, raw, "run-1");
        var first = await TableReader.ReadRowsAsync(lake, SilverSchemas.Instroom.Table);
        var again = await Service.NormaliseAsync(lake, raw, "run-2");
        var second = await TableReader.ReadRowsAsync(lake, SilverSchemas.Instroom.Table);

        Assert.AreEqual(StageStatuses.Succeeded, again.Status);
        Assert.AreEqual(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++) CollectionAssert.AreEqual(first[i], second[i]);
        Assert.IsTrue(second.Any(r => (string)r[3]! == "BOL"), "silver keeps DUO's own leerweg code; gold groups it (LeerwegGroepen)");
    }

    [TestMethod]
    public async Task ANewerRawFileReplacesItsPartitionsAndAnOlderOneIsIgnored()
    {
        var (lake, dir) = await NewLakeAsync();
        using var _ = dir;
        var older = await SilverFixtures.PutRawAsync(lake, "job", "job-monitor", "job-monitor.csv", "2026-11-01");
        var newer = await SilverFixtures.PutRawAsync(lake, "job", "job-monitor", "job-monitor-legacy.csv", "2026-11-20");

        await Service.NormaliseAsync(lake, older, "run-1");
        var r2 = await Service.NormaliseAsync(lake, newer, "run-2");
        var replay = await Service.NormaliseAsync(lake, older, "run-3");

        Assert.AreEqual(StageStatuses.Succeeded, r2.Status);
        Assert.AreEqual(StageStatuses.Unchanged, replay.Status);
        var rows = await TableReader.ReadRowsAsync(lake, SilverSchemas.JobMonitor.Table);
        Assert.AreEqual(45 + 2, rows.Count, "2022 from the older file stays; 2024 is replaced by the newer file's 2 rows");
        Assert.AreEqual(2, rows.Count(r => (int)r[0]! == 2024));
    }

    [TestMethod]
    public async Task CbsTableGetsYearPeriodTypeTrimmedCodesTitlesAndDescribedTopics()
    {
        var (lake, dir) = await NewLakeAsync();
        using var _ = dir;
        var raw = await SilverFixtures.PutRawAsync(lake, "cbs", "85368NED", "cbs-85368ned.json");

        var result = await Service.NormaliseAsync(lake, raw, SilverFixtures.RunId);

        Assert.AreEqual(StageStatuses.Succeeded, result.Status, string.Join("; ", result.Errors));
        Assert.AreEqual(24, result.RowsOut);
        var file = await TableReader.ReadFilesAsync(lake, new TableDefinition(LakeZones.Silver, "cbs_85368ned",
        [
            TableColumn.Int("jaar", ""), TableColumn.Str("periode_type", ""), TableColumn.Str("regio_s", ""), TableColumn.Str("regio_s_titel", ""),
            TableColumn.Dbl("voortijdige_schoolverlaters_1", ""),
        ]));
        var rows = file.SelectMany(f => f.Rows).ToList();
        var amsterdam = rows.First(r => (string)r[2]! == "GM0363");
        Assert.AreEqual("Amsterdam", amsterdam[3]);
        Assert.AreEqual("JJ", amsterdam[1]);
        CollectionAssert.AreEquivalent(new[] { 2021, 2022, 2023, 2024 }, rows.Select(r => (int)r[0]!).Distinct().ToArray());
        Assert.IsTrue(rows.Any(r => r[4] is null), "CBS nulls stay null");
        StringAssert.Contains(await lake.ReadTextAsync("silver/cbs_85368ned/_columns.json"), "Voortijdige schoolverlaters");
    }

    [TestMethod]
    public async Task ProcessRawFileRecordsTheSilverStageInTheRunManifest()
    {
        var (lake, dir) = await NewLakeAsync();
        using var _ = dir;
        var raw = await SilverFixtures.PutRawAsync(lake, "duo", "gediplomeerde-mbo-studenten", "gediplomeerden.csv");
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        await using var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection()
            .AddLogging().AddPipeline(config).AddSingleton<ILakeStore>(lake).BuildServiceProvider();
        var pipeline = services.GetRequiredService<Pipeline.Core.Orchestration.PipelineService>();

        var manifest = await pipeline.ProcessRawFileAsync(raw.Value);

        var stage = manifest.Stages.Single(s => s.Stage == "silver");
        Assert.AreEqual(StageStatuses.Succeeded, stage.Status, string.Join("; ", stage.Errors));
        Assert.AreEqual("gediplomeerde-mbo-studenten", stage.Dataset);
        Assert.AreEqual(600L, stage.Rows);
        Assert.IsTrue(stage.Outputs.Any(o => o.Path == "silver/gediplomeerde_mbo_studenten/jaar=2021/part-0.parquet" && o.Rows == 120));
        Assert.AreEqual(RunOutcomes.Succeeded, manifest.Outcome);
    }
}
