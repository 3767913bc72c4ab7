using System.Text.Json;
using Pipeline.Core.Alerts;
using Pipeline.Core.Lake;
using Pipeline.Core.Orchestration;
using Pipeline.Core.Runs;
using Pipeline.Core.Silver;

namespace Pipeline.Tests.Orchestration;

[TestClass]
public sealed class StatusReportTests
{
    [TestMethod]
    public async Task AfterASampleRefresh_EveryDatasetIsCurrentFromRawToGold_AndTheStatusIsOk()
    {
        using var lake = new OrchestrationLake();
        var run = await lake.RefreshAsync();

        var report = await new StatusReportBuilder(lake.Lake).BuildAsync();

        CollectionAssert.AreEqual(new[]
        {
            "ambities/ambities", "cbs/85368NED", "cbs/85696NED", "duo/gediplomeerde-mbo-studenten", "duo/instromende-mbo-studenten",
            "duo/mbo-studenten-per-instelling", "job/job-monitor",
        }, report.Datasets.Select(d => d.Freshness.Label).ToArray());
        var duo = report.Datasets.Single(d => d.Dataset == "mbo-studenten-per-instelling");
        var pointer = (await lake.PointerAsync("duo", "mbo-studenten-per-instelling"))!;
        Assert.AreEqual(pointer.Path, duo.RawFile);
        Assert.AreEqual(run.Started.UtcDateTime.Date, duo.RetrievedAt!.Value.UtcDateTime.Date);
        Assert.AreEqual("2026-02-02T10:15:03.221804", duo.SourceLastModified, "CKAN's last_modified from the sidecar");
        Assert.AreEqual("mbo_studenten_per_instelling", duo.SilverTable);
        Assert.AreEqual(run.RunId, duo.SilverRunId);
        CollectionAssert.AreEqual(new[] { 2021, 2022, 2023, 2024, 2025 }, duo.SilverPartitions.ToArray());
        Assert.IsTrue(duo.SilverCurrent);
        Assert.AreEqual(DatasetFreshness.Ok, duo.Freshness.State);
        Assert.AreEqual(TimeSpan.FromDays(400), duo.Freshness.MaxAge);

        var ambities = report.Datasets.Single(d => d.Bron == "ambities");
        Assert.IsNull(ambities.SilverTable);
        Assert.IsNull(ambities.SilverCurrent, "ambitions have no silver table: not applicable, not behind");
        Assert.AreEqual("ambities.csv", ambities.UploadedName);
        Assert.IsTrue(report.Datasets.Single(d => d.Dataset == "job-monitor").SilverCurrent, "the accumulated uploads' last file is the one silver names");
        var instroom = report.Datasets.Single(d => d.Dataset == "instromende-mbo-studenten");
        Assert.AreEqual("instromende_mbo_studenten, instromende_mbo_studenten_vooropleiding", instroom.SilverTable);
        Assert.AreEqual(10, instroom.RawFiles, "one current file per selected resource");
        Assert.IsTrue(instroom.SilverCurrent, "both tables were built from exactly the current resources");

        Assert.AreEqual(run.RunId, report.Gold.LastRunId);
        Assert.IsTrue(report.Gold.Current);
        CollectionAssert.AreEqual(new[] { "alerts", "indicatoren", "trajecten" }, report.Gold.Tables.Select(t => t.Table).ToArray());
        CollectionAssert.AreEqual(new[] { 2021, 2022, 2023, 2024, 2025 }, report.Gold.Tables.Single(t => t.Table == "indicatoren").Partitions.ToArray());

        Assert.AreEqual(run.RunId, report.LastRun!.RunId);
        Assert.AreEqual(RunOutcomes.Succeeded, report.LastRun.Outcome);
        Assert.AreEqual("test (sample)", report.LastRun.Trigger);
        Assert.IsEmpty(report.LastRun.FailedStages);
        Assert.IsGreaterThan(0, report.Alerts.PendingTotal, "no channel is configured, so the alerts wait in the outbox for one");
        Assert.IsTrue(report.Alerts.Pending.All(p => p.Channel.StartsWith("unrouted:", StringComparison.Ordinal)));
        Assert.IsGreaterThan(0, report.Alerts.Reported);
        Assert.IsEmpty(report.Problems, string.Join("; ", report.Problems));
        Assert.AreEqual(0, report.ExitCode);

        var text = StatusRenderer.ToText(report);
        StringAssert.Contains(text, "duo/mbo-studenten-per-instelling");
        StringAssert.Contains(text, $"Last run: {run.RunId} (test (sample)");
        StringAssert.Contains(text, "Status: OK");
        // Columns are aligned: every row of the dataset table starts its RAW FILE column at the same place.
        var rows = text.Split('\n').SkipWhile(l => !l.StartsWith("  DATASET", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0).ToList();
        Assert.HasCount(8, rows);
        var column = rows[0].IndexOf("RAW FILE", StringComparison.Ordinal);
        foreach (var r in rows.Skip(1)) Assert.AreEqual(' ', r[column - 1], r);

        using var json = JsonDocument.Parse(StatusRenderer.ToJson(report));
        Assert.AreEqual(0, json.RootElement.GetProperty("exit_code").GetInt32());
        Assert.AreEqual("ok", json.RootElement.GetProperty("datasets")[0].GetProperty("freshness").GetProperty("state").GetString());
        Assert.AreEqual(run.RunId, json.RootElement.GetProperty("last_run").GetProperty("run_id").GetString());
    }

    [TestMethod]
    public async Task AfterUnchangedRefreshes_GoldIsCurrent_AsWrittenByTheRunThatComputedIt_WithoutReadingOlderManifests()
    {
        using var lake = new OrchestrationLake();
        var computing = await lake.RefreshAsync();
        await lake.RefreshAsync();
        var last = await lake.RefreshAsync();
        Assert.AreEqual(StageStatuses.Unchanged, last.Stages.Single(s => s.Stage == "gold").Status);
        // The computing run's manifest is damaged: an unchanged gold stage after it vouches for gold on its own. Its
        // write time is kept, so it stays the oldest: runs started in the same second are ordered by publication.
        var file = Path.Combine(lake.Root, RunRecorder.PathFor(computing.RunId).Value);
        var published = File.GetLastWriteTimeUtc(file);
        await lake.Lake.WriteJsonAsync(RunRecorder.PathFor(computing.RunId), "not a manifest");
        File.SetLastWriteTimeUtc(file, published);

        var report = await new StatusReportBuilder(lake.Lake).BuildAsync();

        Assert.AreEqual(computing.RunId, report.Gold.LastRunId);
        Assert.IsTrue(report.Gold.Current);
        Assert.IsEmpty(report.Warnings, "the damaged manifest was never read: " + string.Join("; ", report.Warnings));
        Assert.IsEmpty(report.Problems, string.Join("; ", report.Problems));
    }

    [TestMethod]
    public async Task SilverBuiltFromAnotherRawFile_IsBehind_AndAProblem()
    {
        using var lake = new OrchestrationLake();
        await lake.RefreshAsync();
        var state = (await SilverState.ReadAsync(lake.Lake, "instromende_mbo_studenten", CancellationToken.None))!;
        var other = "raw/duo/instromende-mbo-studenten/2025-01-01/" + new string('a', 64) + ".csv";
        await (state with { Raw = other, RawSha256 = new string('a', 64), Inputs = [new SilverStateInput(other, new string('a', 64))] })
            .WriteAsync(lake.Lake, CancellationToken.None);

        var report = await new StatusReportBuilder(lake.Lake).BuildAsync();

        Assert.IsFalse(report.Datasets.Single(d => d.Dataset == "instromende-mbo-studenten").SilverCurrent);
        Assert.AreEqual(1, report.ExitCode);
        StringAssert.Contains(report.Problems.Single(), "duo/instromende-mbo-studenten: silver table instromende_mbo_studenten was built from raw/duo/instromende-mbo-studenten/2025-01-01/");
        StringAssert.Contains(StatusRenderer.ToText(report), "BEHIND");
    }

    [TestMethod]
    public async Task MessagesWaitingInTheOutbox_AreShownPerChannel()
    {
        using var lake = new OrchestrationLake();
        await lake.RefreshAsync();
        var state = await lake.AlertStateAsync();
        var queued = new DateTimeOffset(2026, 2, 1, 2, 0, 5, TimeSpan.Zero);
        var message = new AlertDigest(queued, [], [new OperatorAlert(AlertTexts.Quarantaine, "test", "tekst")]);
        state.Outbox.Clear(); // the refresh's own alerts wait for a channel; this test is about these three
        state.Outbox.Add(new OutboxItem("webhook", message, queued) { Attempts = 2, LastError = "Webhook answered 503 Service Unavailable." });
        state.Outbox.Add(new OutboxItem("webhook", message with { Notices = [new OperatorAlert(AlertTexts.Quarantaine, "test 2", "tekst")] }, queued.AddDays(1)));
        state.Outbox.Add(new OutboxItem("operators", message, queued.AddDays(2)));
        await state.SaveAsync(lake.Lake, CancellationToken.None);

        var report = await new StatusReportBuilder(lake.Lake).BuildAsync();

        Assert.AreEqual(3, report.Alerts.PendingTotal);
        var webhook = report.Alerts.Pending.Single(p => p.Channel == "webhook");
        Assert.AreEqual(new ChannelBacklog("webhook", 2, queued, 2, "Webhook answered 503 Service Unavailable."), webhook);
        Assert.AreEqual(1, report.Alerts.Pending.Single(p => p.Channel == "operators").Count);
        var text = StatusRenderer.ToText(report);
        StringAssert.Contains(text, "Alerts: 3 pending in the outbox");
        StringAssert.Contains(text, "Webhook answered 503 Service Unavailable.");
    }

    [TestMethod]
    public async Task ADamagedRunManifest_IsSkippedWithAWarning_AndTheRestOfTheHistoryStillCounts()
    {
        using var lake = new OrchestrationLake();
        var run = await lake.RefreshAsync();
        await lake.Lake.WriteAsync(LakePath.Parse("_runs/29991231T000000Z-deadbeef.json"), new MemoryStream("{ not json"u8.ToArray()));

        var report = await new StatusReportBuilder(lake.Lake).BuildAsync();

        Assert.AreEqual(run.RunId, report.LastRun!.RunId);
        StringAssert.Contains(report.Warnings.Single(), "_runs/29991231T000000Z-deadbeef.json");
        StringAssert.Contains(StatusRenderer.ToText(report), "Warning: _runs/29991231T000000Z-deadbeef.json");
    }

    [TestMethod]
    public async Task AnEmptyLake_HasNothingToReport_AndNoProblem()
    {
        using var lake = new OrchestrationLake();
        var report = await new StatusReportBuilder(lake.Lake).BuildAsync();
        Assert.IsEmpty(report.Datasets);
        Assert.IsNull(report.LastRun);
        Assert.IsNull(report.Gold.Current);
        Assert.AreEqual(0, report.ExitCode);
        StringAssert.Contains(StatusRenderer.ToText(report), "Last run: no runs recorded yet");
    }
}
