using Microsoft.Extensions.Configuration;
using Pipeline.Core.Alerts;
using Pipeline.Core.Orchestration;
using Pipeline.Core.Runs;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Orchestration;

[TestClass]
public sealed class FreshnessTests
{
    private static readonly string[] Fetched =
    [
        "cbs/85368NED", "cbs/85696NED", "duo/gediplomeerde-mbo-studenten", "duo/instromende-mbo-studenten", "duo/mbo-studenten-per-instelling",
    ];

    /// <summary>The operator notices mailed so far (each notice's heading in its digest, the digest's title line aside).</summary>
    private static List<string> Notices(AiosmtpdServer smtp, string contains) =>
        smtp.Messages().SelectMany(m => (m.TextBody ?? "").Split('\n').Skip(1).Select(l => l.Trim()))
            .Where(l => l.StartsWith("Pipeline-melding (", StringComparison.Ordinal) && l.Contains(contains, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>The mail (digest) that carries the notice <paramref name="contains"/>.</summary>
    private static MimeKit.MimeMessage Carrying(AiosmtpdServer smtp, string contains) =>
        smtp.Messages().Single(m => (m.TextBody ?? "").Contains(contains, StringComparison.Ordinal));

    [TestMethod]
    public async Task FetchedDataUnchangedForLongerThanMaxAge_IsMailedToOperatorsOnce_AndUploadsAreNotAgeChecked()
    {
        using var lake = new OrchestrationLake();
        using var smtp = AiosmtpdServer.Start();
        var ops = OrchestrationLake.Operators(smtp);
        var first = await lake.RefreshAsync(extra: ops);
        Assert.AreEqual(RunOutcomes.Succeeded, first.Outcome);
        Assert.IsEmpty(Notices(smtp, "verouderd"), "fresh data is not stale");

        // 401 nights later the samples are still the same content: every fetched dataset is now older than 400 days.
        var clock = new ManualClock(first.Started.AddDays(401));
        var second = await lake.RefreshAsync(clock: clock, extra: ops);
        Assert.AreEqual(RunOutcomes.Succeeded, second.Outcome, string.Join("; ", second.Stages.SelectMany(s => s.Errors)));
        var stale = Notices(smtp, "verouderd");
        CollectionAssert.AreEqual(Fetched.Select(l => $"Pipeline-melding (verouderd): Bron {l} verouderd").ToList(), stale,
            "one alert per fetched dataset; the uploads (job-monitor, ambities) have no age limit by default");
        var mail = Carrying(smtp, "duo/mbo-studenten-per-instelling verouderd");
        StringAssert.Contains(mail.Subject, "5 meldingen voor beheer", "the five notices of the run in one digest");
        StringAssert.Contains(mail.TextBody, $"sinds {first.Started.UtcDateTime:yyyy-MM-dd} niet veranderd");
        StringAssert.Contains(mail.TextBody, "400 dagen");

        // The next night (and the one after) the same condition is not reported again.
        clock.Now = clock.Now.AddDays(1);
        await lake.RefreshAsync(clock: clock, extra: ops);
        clock.Now = clock.Now.AddDays(1);
        await lake.RefreshAsync(clock: clock, extra: ops);
        Assert.HasCount(5, Notices(smtp, "verouderd"), "reported once, not every night");
    }

    [TestMethod]
    public async Task FetchFailingOnThreeRefreshesInARow_AlertsOnTheThird_AndNotAgainOnTheFourth()
    {
        using var lake = new OrchestrationLake();
        using var smtp = AiosmtpdServer.Start();
        var ops = OrchestrationLake.Operators(smtp);
        await lake.RefreshAsync(extra: ops);
        var good = await lake.PointerAsync("duo", "mbo-studenten-per-instelling");

        var runs = new List<RunManifest>();
        for (var night = 1; night <= 2; night++) runs.Add(await lake.RefreshAsync(samples: false, extra: [ops, OrchestrationLake.Offline]));
        Assert.IsTrue(runs.All(r => r.Stages.Any(s => s.Stage == "bronze" && s.Dataset == "duo/mbo-studenten-per-instelling" && s.Status == StageStatuses.Failed)));
        Assert.IsEmpty(Notices(smtp, "achter elkaar"), "two failures are below the default limit of 3");

        runs.Add(await lake.RefreshAsync(samples: false, extra: [ops, OrchestrationLake.Offline]));
        var failing = Notices(smtp, "achter elkaar");
        CollectionAssert.AreEqual(Fetched.Select(l => $"Pipeline-melding (bron_mislukt): Bron {l} faalt 3 keer achter elkaar").ToList(), failing,
            string.Join(" | ", smtp.Messages().Select(m => m.Subject)));
        var mail = Carrying(smtp, "duo/mbo-studenten-per-instelling faalt");
        StringAssert.Contains(mail.Subject, "5 meldingen voor beheer", "the five notices of the run in one digest");
        StringAssert.Contains(mail.TextBody, $"voor het eerst in run {runs[0].RunId}");
        StringAssert.Contains(mail.TextBody, $"De vorige goede gegevens blijven in gebruik ({good!.Path})");

        runs.Add(await lake.RefreshAsync(samples: false, extra: [ops, OrchestrationLake.Offline]));
        Assert.HasCount(5, Notices(smtp, "achter elkaar"), "the same streak is reported once");

        var report = await new StatusReportBuilder(lake.Lake).BuildAsync();
        var duo = report.Datasets.Single(d => d.Freshness.Label == "duo/mbo-studenten-per-instelling");
        Assert.AreEqual(DatasetFreshness.Failing, duo.Freshness.State);
        Assert.AreEqual(4, duo.Freshness.ConsecutiveFailures);
        Assert.AreEqual(runs[0].RunId, duo.Freshness.FailingSinceRun);
        Assert.AreEqual(good.Path, duo.RawFile, "the previous good data stays current");
        Assert.AreEqual(1, report.ExitCode);
        StringAssert.Contains(StatusRenderer.ToText(report), "FAILING 4 runs since");
    }

    [TestMethod]
    public async Task ASuccessfulFetchEndsTheStreak_AndANewStreakIsANewAlert()
    {
        using var dir = new TempDirectory();
        var lake = new Pipeline.Core.Lake.FileSystemLake(dir.Path);
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 5, 1, 0, 0, TimeSpan.Zero));
        var monitor = new FreshnessMonitor(lake, new FreshnessOptions(), clock);

        async Task Night(string status, string error = "Connection refused (127.0.0.1:1)")
        {
            var run = new RunRecorder(lake, "timer", clock);
            run.Add(new StageRecord
            {
                Stage = "bronze", Dataset = "duo/gediplomeerde-mbo-studenten", Status = status, Started = clock.GetUtcNow(),
                Errors = status == StageStatuses.Failed ? [error] : [],
            });
            await run.CompleteAsync();
            clock.Now = clock.Now.AddDays(1);
        }

        await Night(StageStatuses.Failed);
        await Night(StageStatuses.Failed);
        Assert.IsEmpty(await monitor.EvaluateAsync());
        await Night(StageStatuses.Failed);
        var firstStreak = (await monitor.EvaluateAsync()).Single();
        Assert.AreEqual(AlertTexts.BronMislukt, firstStreak.Soort);
        StringAssert.Contains(firstStreak.Tekst, "(2026-01-05)");
        await Night(StageStatuses.Failed, "another reason on night four");
        Assert.AreEqual(firstStreak.Id, (await monitor.EvaluateAsync()).Single().Id, "a longer streak is the same alert");

        await Night(StageStatuses.Unchanged);
        Assert.IsEmpty(await monitor.EvaluateAsync(), "a successful check (unchanged content) ends the streak");
        Assert.IsFalse((await monitor.AssessAsync()).Any(f => f.ConsecutiveFailures > 0));

        for (var i = 0; i < 3; i++) await Night(StageStatuses.Failed);
        var secondStreak = (await monitor.EvaluateAsync()).Single();
        Assert.AreNotEqual(firstStreak.Id, secondStreak.Id, "a new streak is news again");
        StringAssert.Contains(secondStreak.Tekst, "(2026-01-10)");
    }

    [TestMethod]
    public async Task TheRunInProgressCountsAsTheNewestAttempt()
    {
        using var dir = new TempDirectory();
        var lake = new Pipeline.Core.Lake.FileSystemLake(dir.Path);
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 1, 0, 0, TimeSpan.Zero));
        var monitor = new FreshnessMonitor(lake, new FreshnessOptions { MaxConsecutiveFailures = 1 }, clock);
        var run = new RunRecorder(lake, "timer", clock);
        run.Add(new StageRecord { Stage = "bronze", Dataset = "cbs/85368NED", Status = StageStatuses.Failed, Started = clock.Now, Errors = ["HTTP 503"] });

        var alert = (await monitor.EvaluateAsync(run)).Single();
        StringAssert.Contains(alert.Tekst, $"voor het eerst in run {run.RunId} (2026-03-01): HTTP 503");
        StringAssert.Contains(alert.Tekst, "Er zijn nog geen gegevens van deze bron.");
    }

    [TestMethod]
    public async Task OnANightWhenEverySourceAnswers_NoRunManifestIsRead()
    {
        using var lake = new OrchestrationLake();
        await lake.RefreshAsync();
        // A damaged manifest is named in the warnings if anyone reads it.
        await lake.Lake.WriteAsync(Pipeline.Core.Lake.LakePath.Parse("_runs/29991231T000000Z-deadbeef.json"), new MemoryStream("{"u8.ToArray()));
        var run = new RunRecorder(lake.Lake, "timer");
        foreach (var label in new[] { "cbs/85368NED", "cbs/85696NED", "duo/gediplomeerde-mbo-studenten", "duo/instromende-mbo-studenten", "duo/mbo-studenten-per-instelling" })
            run.Add(new StageRecord { Stage = "bronze", Dataset = label, Status = StageStatuses.Unchanged, Started = DateTimeOffset.UtcNow });

        var history = new RunHistory(lake.Lake);
        var assessed = await new FreshnessMonitor(lake.Lake).AssessAsync(run, history);

        Assert.IsTrue(assessed.All(f => f.State == DatasetFreshness.Ok));
        Assert.IsEmpty(history.Warnings, "the run in progress settled every fetched dataset; the uploads do not keep the scan going");
        await new FreshnessMonitor(lake.Lake).AssessAsync(null, history);
        Assert.HasCount(1, history.Warnings, "without a run in progress the history is read, up to the newest refresh");
    }

    [TestMethod]
    public async Task StaleAlertText_IsTheSameNightAfterNight()
    {
        using var lake = new OrchestrationLake();
        await lake.RefreshAsync();
        var since = (await lake.PointerAsync("cbs", "85696NED"))!.UpdatedAt;
        var clock = new ManualClock(since.AddDays(500));
        var monitor = new FreshnessMonitor(lake.Lake, new FreshnessOptions(), clock);
        var tonight = await monitor.EvaluateAsync();
        clock.Now = clock.Now.AddDays(30);
        var aMonthLater = await monitor.EvaluateAsync();
        Assert.HasCount(5, tonight);
        CollectionAssert.AreEqual(tonight.Select(a => a.Id).ToList(), aMonthLater.Select(a => a.Id).ToList());
    }

    [TestMethod]
    public async Task PerDatasetMaxAge_OverridesTheDefault_OffSwitchesItOff_AndTurnsItOnForUploads()
    {
        using var lake = new OrchestrationLake();
        await lake.RefreshAsync();
        var options = FreshnessOptions.FromConfiguration(lake.Config(new Dictionary<string, string?>
        {
            ["Pipeline:Freshness:MaxAge"] = "30",
            ["Pipeline:Freshness:Datasets:85368NED:MaxAge"] = "off",
            ["Pipeline:Freshness:Datasets:mbo-studenten-per-instelling:MaxAge"] = "90.00:00:00",
            ["Pipeline:Freshness:Datasets:job-monitor:MaxAge"] = "40",
        }));
        var since = (await lake.PointerAsync("cbs", "85696NED"))!.UpdatedAt;
        var assessed = await new FreshnessMonitor(lake.Lake, options, new ManualClock(since.AddDays(45))).AssessAsync();
        var stale = assessed.Where(f => f.IsStale).Select(f => f.Label).ToList();
        CollectionAssert.AreEquivalent(
            new[] { "cbs/85696NED", "duo/gediplomeerde-mbo-studenten", "duo/instromende-mbo-studenten", "job/job-monitor" }, stale);
        Assert.IsNull(assessed.Single(f => f.Label == "cbs/85368NED").MaxAge);
        Assert.AreEqual(TimeSpan.FromDays(90), assessed.Single(f => f.Label == "duo/mbo-studenten-per-instelling").MaxAge);
        Assert.IsNull(assessed.Single(f => f.Label == "ambities/ambities").MaxAge, "uploads have no age limit unless one is set");
    }

    [TestMethod]
    [DataRow("Pipeline:Freshness:MaxAge", "soon", "Pipeline:Freshness:MaxAge must be a positive TimeSpan")]
    [DataRow("Pipeline:Freshness:MaxAge", "-1", "Pipeline:Freshness:MaxAge must be a positive TimeSpan")]
    [DataRow("Pipeline:Freshness:Datasets:85368NED:MaxAge", "0", "Pipeline:Freshness:Datasets:85368NED:MaxAge must be")]
    [DataRow("Pipeline:Freshness:MaxConsecutiveFailures", "0", "Pipeline:Freshness:MaxConsecutiveFailures must be a whole number of at least 1, not '0'")]
    public void InvalidSettings_AreRejectedNamingTheKey(string key, string value, string message)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => FreshnessOptions.FromConfiguration(config));
        StringAssert.Contains(e.Message, message);
    }

    [TestMethod]
    public void Defaults_Are400DaysAndThreeFailures()
    {
        var o = FreshnessOptions.FromConfiguration(new ConfigurationBuilder().Build());
        Assert.AreEqual(TimeSpan.FromDays(400), o.MaxAgeFor("mbo-studenten-per-instelling", isUpload: false));
        Assert.IsNull(o.MaxAgeFor("job-monitor", isUpload: true));
        Assert.AreEqual(3, o.MaxConsecutiveFailures);
    }
}
