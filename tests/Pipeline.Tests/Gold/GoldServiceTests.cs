using Pipeline.Core.Tables;
using DuckDB.NET.Data;
using Pipeline.Core.Gold;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Gold;

/// <summary>The gold stage on a real lake on disk: silver Parquet in, gold Parquet out, readable by DuckDB.</summary>
[TestClass]
public sealed class GoldServiceTests
{
    private const string Sha = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private string _dir = "";
    private FileSystemLake _lake = null!;

    [TestInitialize]
    public void Init()
    {
        _dir = Directory.CreateTempSubdirectory("gold-service-").FullName;
        _lake = new FileSystemLake(_dir);
    }

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    private async Task ArrangeAsync()
    {
        using (var raw = new MemoryStream("JAAR,...\n"u8.ToArray()))
            await _lake.WriteAsync(LakePath.Parse($"raw/duo/mbo-studenten-per-instelling/2026-11-02/{Sha}.csv"), raw);
        await SilverTables.WriteStudentenAsync(_lake,
            SilverTables.Year(2022, "25LH", "ROC Midden Nederland", 200, 5, 795, 10)
                .Concat(SilverTables.Year(2024, "25LH", "ROC Midden Nederland", 150, 5, 845, 10))
                .Concat(SilverTables.Year(2024, "27GN", "Grafisch Lyceum R'dam", 20, null, 30, 2)), Sha);
    }

    private async Task<GoldSummary?> RunAsync(string ambities)
    {
        var run = new RunRecorder(_lake, "test");
        var s = await new GoldService(_lake).RunAsync(run, new AmbitionsInput("ambities.csv", System.Text.Encoding.UTF8.GetBytes(ambities)));
        var m = await run.CompleteAsync();
        Assert.IsNotNull(s, string.Join("; ", m.Stages.SelectMany(x => x.Errors)));
        return s;
    }

    [TestMethod]
    public async Task WritesIndicatorenAndTrajectenPartitionedByYearWithSourceAndRetrievalDate()
    {
        await ArrangeAsync();
        var s = await RunAsync(AmbitionsParser.Header + "\n25LH,aandeel_bbl,2022,20,25,2\n27GN,aandeel_bbl,2022,40,45,\n");
        Assert.IsNotNull(s);
        Assert.IsFalse(await _lake.ExistsAsync(GoldTables.Alerts.PartitionFile(2024)), "gold/alerts is the alerts stage's table");

        var values = await GoldTableStore.ReadIndicatorenAsync(_lake);
        var bbl = values.Single(v => v is { Instellingscode: "25LH", Indicator: "aandeel_bbl", Jaar: 2024 });
        Assert.AreEqual(15.0, bbl.Waarde);
        Assert.AreEqual($"duo/mbo-studenten-per-instelling@sha256:{Sha}", bbl.Bron);
        Assert.AreEqual("2026-11-02", bbl.BronOpgehaald);
        var suppressed = values.Single(v => v is { Instellingscode: "27GN", Indicator: "aandeel_bbl" });
        Assert.AreEqual((Kwaliteit.Onderdrukt, 51.0), (suppressed.Kwaliteit, suppressed.NoemerMin!.Value));
        Assert.IsTrue(await _lake.ExistsAsync(GoldTables.Indicatoren.PartitionFile(2022)));

        var points = await GoldTableStore.ReadTrajectenAsync(_lake);
        // 25LH: 2022 op_koers, 2023 no data, 2024 15 vs 22 → uit_koers.
        // 27GN 2024: 38.1 but 37.0–39.2 by suppression vs 42: uit_koers at the minimum, risico at the maximum → no judgement.
        CollectionAssert.AreEqual(new[] { "op_koers", "onvoldoende_data", "uit_koers" },
            points.Where(p => p.Instellingscode == "25LH").OrderBy(p => p.Jaar).Select(p => p.Status).ToArray());

        Assert.AreEqual("onvoldoende_data", points.Single(p => p.Instellingscode == "27GN" && p.Jaar == 2024).Status);

        // Analysts' view: DuckDB over the Hive-partitioned files.
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM read_parquet('{Path.Combine(_dir, "gold", "trajecten")}/*/*.parquet', hive_partitioning = true) WHERE status = 'uit_koers'";
        Assert.AreEqual(1L, Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public async Task PartitionsOfYearsThatNoLongerHaveRowsAreRemoved()
    {
        await ArrangeAsync();
        await RunAsync(AmbitionsParser.Header + "\n25LH,aandeel_bbl,2022,20,25,2\n");
        Assert.IsTrue(await _lake.ExistsAsync(GoldTables.Trajecten.PartitionFile(2022)));
        await RunAsync(AmbitionsParser.Header + "\n25LH,aandeel_bbl,2023,20,25,2\n");
        Assert.IsFalse(await _lake.ExistsAsync(GoldTables.Trajecten.PartitionFile(2022)));
        Assert.IsTrue(await _lake.ExistsAsync(GoldTables.Trajecten.PartitionFile(2023)));
    }

    [TestMethod]
    public async Task WithoutAnyAmbitionsIndicatorsAreStillComputedAndNoTrajectoriesMade()
    {
        await ArrangeAsync();
        var run = new RunRecorder(_lake, "test");
        var s = await new GoldService(_lake).RunAsync(run);
        var m = await run.CompleteAsync();
        Assert.AreEqual(RunOutcomes.Succeeded, m.Outcome, string.Join("; ", m.Stages.SelectMany(x => x.Errors)));
        Assert.AreEqual(0, s!.Trajecten);
        Assert.IsTrue(s.Indicatoren > 0);
        StringAssert.Contains(m.Stages.Single(x => x.Stage == "gold").Message, "no ambitions in force");
    }

    [TestMethod]
    public async Task A_configured_CBS_code_absent_from_the_table_is_a_warning_in_the_summary_and_manifest_and_persists_from_the_third_run_with_one_wording()
    {
        await SilverTables.WriteCbs85368Async(_lake, [
            SilverTables.Vsv(2023, "T001336", "Totaal onderwijssoorten", 31_000),
            SilverTables.Vsv(2023, "A042667", "Mbo niveau 4", 6_000),
        ]);

        var persisting = new List<int>();
        var notices = new HashSet<string>();
        RunManifest? first = null;
        GoldSummary? summary = null;
        for (var i = 0; i < 4; i++)
        {
            var run = new RunRecorder(_lake, "test");
            summary = await new GoldService(_lake, options: new GoldOptions { WarningRuns = 3 }).RunAsync(run);
            first ??= await run.CompleteAsync();
            if (i > 0) await run.CompleteAsync();
            persisting.Add(summary!.PersistingWarnings.Count);
            foreach (var w in summary.PersistingWarnings)
                notices.Add(Pipeline.Core.Alerts.AlertTexts.PersistingWarning(w.Indicator, w.Text, w.Runs, w.FirstRun, w.FirstSeen).Id);
        }

        Assert.IsFalse((await GoldTableStore.ReadIndicatorenAsync(_lake)).Any(v => v.Indicator == "vsv_landelijk"),
            "no value from the table total");
        var warning = summary!.Warnings.Single();
        StringAssert.Contains(warning, "code A025290 (Sources:Cbs:Tables:85368NED:Rows:Onderwijssoort) is not in the code list");
        var gold = first!.Stages.Single(s => s.Stage == "gold");
        CollectionAssert.AreEqual(new[] { warning }, gold.Warnings.ToArray(), "the manifest lists the warning");
        StringAssert.Contains(gold.Message, warning, "the run summary prints the stage message");
        Assert.AreEqual(StageStatuses.Succeeded, gold.Status);

        CollectionAssert.AreEqual(new[] { 0, 0, 1, 1 }, persisting, "the warning persists from the third run in a row");
        Assert.AreEqual(first.RunId, summary.UnchangedSince, "runs two to four found the first run's inputs: nothing recomputed");
        Assert.HasCount(1, notices, "one streak, one operator notice (the outbox reports an id once)");
    }

    [TestMethod]
    public async Task A_run_without_the_warning_ends_its_streak()
    {
        await SilverTables.WriteCbs85368Async(_lake, [SilverTables.Vsv(2023, "T001336", "Totaal onderwijssoorten", 31_000)]);
        var gold = new GoldService(_lake, options: new GoldOptions { WarningRuns = 2 });
        Assert.IsEmpty((await gold.RunAsync(new RunRecorder(_lake, "test")))!.PersistingWarnings);

        await SilverTables.WriteCbs85368Async(_lake, [SilverTables.Vsv(2023, "A025290", "Totaal mbo (incl. extranei)", 21_000)]);
        var fixedRun = await gold.RunAsync(new RunRecorder(_lake, "test"));
        Assert.AreEqual(0, fixedRun!.Warnings.Count);

        await SilverTables.WriteCbs85368Async(_lake, [SilverTables.Vsv(2023, "T001336", "Totaal onderwijssoorten", 31_000)]);
        Assert.IsEmpty((await gold.RunAsync(new RunRecorder(_lake, "test")))!.PersistingWarnings, "a new streak starts at one");
    }

    [TestMethod]
    public async Task A_run_with_the_inputs_of_the_last_computation_writes_nothing_and_says_since_which_run()
    {
        await ArrangeAsync();
        const string ambities = AmbitionsParser.Header + "\n25LH,aandeel_bbl,2022,20,25,2\n";
        var first = await RunAsync(ambities);
        var written = File.GetLastWriteTimeUtc(Path.Combine(_dir, "gold", "trajecten", "jaar=2024", "part-0.parquet"));

        var run = new RunRecorder(_lake, "test");
        var again = await new GoldService(_lake).RunAsync(run, new AmbitionsInput("ambities.csv", System.Text.Encoding.UTF8.GetBytes(ambities)));
        var stage = (await run.CompleteAsync()).Stages.Single(s => s.Stage == "gold");

        Assert.AreEqual(StageStatuses.Unchanged, stage.Status);
        StringAssert.StartsWith(stage.Message, "inputs unchanged since run ");
        Assert.IsEmpty(stage.Outputs, "nothing written, so status keeps naming the run that wrote gold");
        Assert.AreEqual((first!.Indicatoren, first.Trajecten), (again!.Indicatoren, again.Trajecten), "the summary is the computation's");
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(Path.Combine(_dir, "gold", "trajecten", "jaar=2024", "part-0.parquet")));
    }

    [TestMethod]
    public async Task Changed_silver_or_a_missing_gold_file_makes_gold_compute_again()
    {
        await ArrangeAsync();
        var gold = new GoldService(_lake);
        await gold.RunAsync(new RunRecorder(_lake, "test"));

        await SilverTables.WriteStudentenAsync(_lake, SilverTables.Year(2024, "25LH", "ROC Midden Nederland", 100, 5, 845, 10), Sha);
        Assert.IsNull((await gold.RunAsync(new RunRecorder(_lake, "test")))!.UnchangedSince, "new silver");

        File.Delete(Path.Combine(_dir, "gold", "indicatoren", "jaar=2024", "part-0.parquet"));
        Assert.IsNull((await gold.RunAsync(new RunRecorder(_lake, "test")))!.UnchangedSince, "a gold file gone");
        Assert.IsNotNull((await gold.RunAsync(new RunRecorder(_lake, "test")))!.UnchangedSince, "then unchanged again");
    }

    [TestMethod]
    public async Task A_rejected_ambitions_file_fails_the_stage_and_the_next_run_computes_and_warns_again()
    {
        await ArrangeAsync();
        await RunAsync(AmbitionsParser.Header + "\n25LH,aandeel_bbl,2022,20,25,2\n");
        var bad = new AmbitionsInput("fout.csv", System.Text.Encoding.UTF8.GetBytes(AmbitionsParser.Header + "\n25LH,aandeel_bbl,2022,twintig,25,2\n"));

        var run = new RunRecorder(_lake, "test");
        var rejected = await new GoldService(_lake).RunAsync(run, bad);
        var stage = (await run.CompleteAsync()).Stages.Single(s => s.Stage == "gold");
        Assert.AreEqual(StageStatuses.Failed, stage.Status);
        Assert.IsNotNull(rejected!.RejectedAmbitions);

        run = new RunRecorder(_lake, "test");
        var again = await new GoldService(_lake).RunAsync(run, bad);
        stage = (await run.CompleteAsync()).Stages.Single(s => s.Stage == "gold");
        Assert.IsNull(again!.UnchangedSince, "a failed stage is not a computation to stand on");
        Assert.IsTrue(stage.Warnings.Any(w => w.Contains("was refused before", StringComparison.Ordinal)), string.Join(" | ", stage.Warnings));
    }
}
