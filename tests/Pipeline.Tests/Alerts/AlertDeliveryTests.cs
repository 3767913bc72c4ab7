using Microsoft.Extensions.Configuration;
using Pipeline.Core.Alerts;
using Pipeline.Core.Gold;
using Pipeline.Core.Lake;
using Pipeline.Core.Orchestration;
using Pipeline.Core.Runs;
using Pipeline.Core.Tables;
using Pipeline.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Tests.Alerts;

/// <summary>
/// One digest per channel per run, sent once, end to end: silver Parquet in a real lake on disk → the gold stage →
/// the alerts stage → a WireMock webhook and a real SMTP server (aiosmtpd) on loopback.
/// </summary>
[TestClass]
public sealed class AlertDeliveryTests
{
    private const string Ambities = AmbitionsParser.Header + "\n" +
                                    "25LH,aandeel_bbl,2022,20,25,2\n" +
                                    "25PZ,aandeel_bbl,2022,30,35,2\n" +
                                    "27GN,aandeel_bbl,2022,10,12,2\n";

    private const string ReportBase = "https://rapport.example/mbo/";

    private string _dir = "";
    private FileSystemLake _lake = null!;
    private WireMockServer _hook = null!;
    private AiosmtpdServer _smtp = null!;
    private HttpClient _http = null!;

    [TestInitialize]
    public void Start()
    {
        _dir = Directory.CreateTempSubdirectory("gold-alerts-").FullName;
        _lake = new FileSystemLake(_dir);
        _hook = WireMockServer.Start();
        HookUp();
        _smtp = AiosmtpdServer.Start();
        _http = new HttpClient();
    }

    [TestCleanup]
    public void Stop()
    {
        _http.Dispose();
        _hook.Stop();
        _hook.Dispose();
        _smtp.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private void HookUp()
    {
        _hook.ResetMappings();
        _hook.Given(Request.Create().WithPath("/hook").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
    }

    private void HookDown()
    {
        _hook.ResetMappings();
        _hook.Given(Request.Create().WithPath("/hook").UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
    }

    private IConfiguration Config() => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Alerts:Webhook:Url"] = _hook.Urls[0] + "/hook",
        ["Alerts:Smtp:Host"] = _smtp.Host,
        ["Alerts:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Alerts:Smtp:Security"] = "None",
        ["Alerts:Smtp:From"] = "pipeline@example.org",
        ["Alerts:Smtp:To"] = "directie-mbo@example.org, analist@example.org",
        ["Alerts:Operators:To"] = "beheer@example.org",
        ["Alerts:ReportBaseUrl"] = ReportBase,
    }).Build();

    /// <summary>BBL per 1000 students for 2022–2024, per institution.</summary>
    private Task SilverAsync(int lh2024 = 195, int gn2024 = 108) => SilverTables.WriteStudentenAsync(_lake,
        Inst("25LH", "ROC Midden Nederland", 200, 210, lh2024)
            .Concat(Inst("25PZ", "ROC Mondriaan", 300, 250, 260))
            .Concat(Inst("27GN", "Grafisch Lyceum R'dam", 100, 104, gn2024)));

    private static IEnumerable<SilverTables.Studenten> Inst(string code, string naam, int b22, int b23, int b24) =>
        SilverTables.Year(2022, code, naam, b22, 5, 995 - b22, 10)
            .Concat(SilverTables.Year(2023, code, naam, b23, 5, 995 - b23, 10))
            .Concat(SilverTables.Year(2024, code, naam, b24, 5, 995 - b24, 10));

    /// <summary>The gold stage, then the alerts stage with what gold found for the operators, as a refresh runs them.</summary>
    private async Task<(AlertSummary? Summary, RunManifest Manifest)> RunAsync(string? ambities = Ambities)
    {
        var run = new RunRecorder(_lake, "test");
        var config = Config();
        var gold = await GoldService.FromConfiguration(_lake, config)
            .RunAsync(run, ambities is null ? null : new AmbitionsInput("ambities.csv", System.Text.Encoding.UTF8.GetBytes(ambities)));
        Assert.IsNotNull(gold);
        var alerts = AlertService.Create(_lake, AlertOptions.FromConfiguration(config), _http);
        var summary = await alerts.RunAsync(run, gold.Instellingsnamen, gold.ComputedIn(run.RunId), PipelineService.OperatorAlertsFrom(gold).ToList());
        return (summary, await run.CompleteAsync());
    }

    /// <summary>The alert ids of each digest the webhook accepted, in order.</summary>
    private List<List<string>> HookDigests() => DigestCards.Accepted(_hook).Select(DigestCards.AlertIds).ToList();

    private List<MimeKit.MimeMessage> Mails(string to) =>
        _smtp.Messages().Where(m => m.To.Mailboxes.Any(b => b.Address == to)).ToList();

    /// <summary>The alert ids of each digest mailed to the directie mbo, in order.</summary>
    private List<List<string>> MailDigests() => Mails("directie-mbo@example.org")
        .Select(DigestCards.MailAlertIds).ToList();

    private static string Id(string code, int jaar, string status) => Alert.IdFor(code, "aandeel_bbl", jaar, status);

    [TestMethod]
    public async Task FirstRunSendsOneDigestPerChannelWithTheNewestYearOnly_GroupedMostSevereFirstWithLinks_AndASecondRunSendsNothing()
    {
        await SilverAsync();
        var (first, m1) = await RunAsync();
        Assert.AreEqual(RunOutcomes.Succeeded, m1.Outcome, string.Join("; ", m1.Stages.SelectMany(s => s.Errors)));
        // 25LH 2024 risico (19.5 vs 22); 25PZ uit_koers in 2023 (25 vs 31) and 2024 (26 vs 32): only 2024 is current; 27GN on course.
        Assert.AreEqual((2, 1, 1), (first!.Alerts, first.Waarschuwingen, first.Kritiek));
        var expected = new[] { Id("25PZ", 2024, TrajectoryStatus.UitKoers), Id("25LH", 2024, TrajectoryStatus.Risico) };
        CollectionAssert.AreEqual(expected, (await GoldTableStore.ReadAlertsAsync(_lake)).OrderBy(a => a.Ernst).Select(a => a.AlertId).ToArray(),
            "gold/alerts holds the same newest-year alerts");

        var card = DigestCards.Accepted(_hook).Single();
        CollectionAssert.AreEqual(expected, DigestCards.AlertIds(card), "kritiek (25PZ) before waarschuwing (25LH)");
        var headings = DigestCards.Headings(card);
        Assert.HasCount(2, headings, "one block per institution");
        StringAssert.StartsWith(headings[0], "**ROC Mondriaan** (25PZ)");
        StringAssert.Contains(headings[0], $"[rapport]({ReportBase}instelling/25PZ.html)");
        StringAssert.Contains(headings[1], $"[rapport]({ReportBase}instelling/25LH.html)");

        var mail = Mails("directie-mbo@example.org").Single();
        CollectionAssert.AreEquivalent(new[] { "directie-mbo@example.org", "analist@example.org" }, mail.To.Mailboxes.Select(x => x.Address).ToArray());
        CollectionAssert.AreEqual(expected, MailDigests().Single());
        StringAssert.Contains(mail.HtmlBody, $"<a href=\"{ReportBase}instelling/25LH.html\">rapport</a>");
        StringAssert.Contains(mail.TextBody, "ROC Midden Nederland (25LH)");
        var text = mail.TextBody;
        Assert.IsLessThan(text.IndexOf("ROC Midden Nederland", StringComparison.Ordinal), text.IndexOf("ROC Mondriaan", StringComparison.Ordinal),
            "the institution with a kritiek entry comes first");

        var (second, m2) = await RunAsync();
        Assert.AreEqual(2, second!.Alerts, "the alerts still stand in gold/alerts");
        Assert.AreEqual(0, second.Delivery.Queued);
        StringAssert.Contains(m2.Stages.Single(s => s.Stage == "alerts").Message, "queued 0");
        Assert.HasCount(1, HookDigests(), "nothing more on the webhook");
        Assert.HasCount(1, MailDigests(), "nothing more by e-mail");
    }

    [TestMethod]
    public async Task ARunWhoseGoldIsUnchangedKeepsGoldAlertsAsItIs_AndAChangeInGoldRebuildsIt()
    {
        await SilverAsync();
        var (_, m1) = await RunAsync();
        var file = Path.Combine(_dir, m1.Stages.Single(s => s.Stage == "alerts").Outputs.Single().Path);
        var (bytes, written) = (await File.ReadAllBytesAsync(file), File.GetLastWriteTimeUtc(file));

        var (again, m2) = await RunAsync();
        Assert.AreEqual(StageStatuses.Unchanged, m2.Stages.Single(s => s.Stage == "gold").Status);
        var stage = m2.Stages.Single(s => s.Stage == "alerts");
        Assert.AreEqual(StageStatuses.Unchanged, stage.Status);
        StringAssert.Contains(stage.Message, $"gold unchanged since run {m1.RunId}, whose alerts were judged then");
        Assert.AreEqual((2, 1, 1), (again!.Alerts, again.Waarschuwingen, again.Kritiek), "the counts of the judgement that stands");
        CollectionAssert.AreEqual(bytes, await File.ReadAllBytesAsync(file));
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(file), "gold/alerts is not rewritten");

        await SilverAsync(lh2024: 175); // 25LH 2024: risico becomes uit_koers
        var (_, m3) = await RunAsync();
        Assert.AreEqual(StageStatuses.Succeeded, m3.Stages.Single(s => s.Stage == "alerts").Status);
        CollectionAssert.Contains((await GoldTableStore.ReadAlertsAsync(_lake)).Select(a => a.AlertId).ToList(), Id("25LH", 2024, TrajectoryStatus.UitKoers));
        CollectionAssert.AreEqual(new[] { Id("25LH", 2024, TrajectoryStatus.UitKoers) }, HookDigests()[^1]);
    }

    [TestMethod]
    public async Task AStatusChangeSendsOneDigestWithExactlyThatChange()
    {
        await SilverAsync();
        await RunAsync();
        await SilverAsync(lh2024: 175); // 25LH 2024: 17.5 vs 22 → risico becomes uit_koers
        var (s, _) = await RunAsync();
        Assert.AreEqual(1, s!.Delivery.Queued);
        var change = new[] { Id("25LH", 2024, TrajectoryStatus.UitKoers) };
        Assert.HasCount(2, HookDigests());
        CollectionAssert.AreEqual(change, HookDigests()[^1]);
        Assert.HasCount(2, MailDigests());
        CollectionAssert.AreEqual(change, MailDigests()[^1]);
    }

    [TestMethod]
    public async Task AChannelOutageKeepsOneMergedDigestPendingPerChannel_SentOnceWhenTheChannelIsBack()
    {
        await SilverAsync();
        await RunAsync();

        HookDown();
        _smtp.Stop();
        await SilverAsync(gn2024: 60); // 27GN 2024: 6.0 vs 10.8 → a new uit_koers alert
        var (down, m) = await RunAsync();
        Assert.AreEqual(RunOutcomes.Failed, m.Outcome, "a channel that is down fails the alerts stage visibly");
        Assert.AreEqual(0, down!.Delivery.SentTotal);
        Assert.AreEqual(2, down.Delivery.PendingTotal, "one pending digest per channel");

        await SilverAsync(gn2024: 60, lh2024: 175); // and while still down, 25LH 2024 becomes uit_koers
        var (stillDown, _) = await RunAsync();
        Assert.AreEqual(1, stillDown!.Delivery.Queued, "only the new change is news");
        Assert.AreEqual(2, stillDown.Delivery.PendingTotal, "still one digest per channel: the new change joined the pending one");
        Assert.HasCount(1, HookDigests());

        HookUp();
        _smtp.Resume();
        var (up, m2) = await RunAsync();
        Assert.AreEqual(RunOutcomes.Succeeded, m2.Outcome);
        Assert.AreEqual(0, up!.Delivery.Queued);
        Assert.AreEqual(2, up.Delivery.SentTotal, "one digest per channel");
        Assert.AreEqual(0, up.Delivery.PendingTotal);

        await RunAsync();
        var outage = new[] { Id("27GN", 2024, TrajectoryStatus.UitKoers), Id("25LH", 2024, TrajectoryStatus.UitKoers) };
        foreach (var digests in new[] { HookDigests(), MailDigests() })
        {
            Assert.HasCount(2, digests, "the first run's digest and the one from the outage, nothing more");
            CollectionAssert.AreEquivalent(outage, digests[1]);
            Assert.AreEqual(digests.Sum(d => d.Count), digests.SelectMany(d => d).Distinct().Count(), "nothing doubled");
        }
    }

    [TestMethod]
    public async Task AnInvalidAmbitionsFileIsQuarantinedReportedOnceToOperatorsAndTheAmbitionsInForceStay()
    {
        await SilverAsync();
        await RunAsync();
        var bad = AmbitionsParser.Header + "\n25LH,aandeel_bbl,2027,20,25,\n25LH,onbekend,2022,1,2,\n";

        var (s, m) = await RunAsync(bad);
        Assert.AreEqual(RunOutcomes.Failed, m.Outcome);
        StringAssert.Contains(string.Join(" ", m.Stages.Single(x => x.Stage == "gold").Errors), "regel 2");
        Assert.AreEqual(2, s!.Alerts, "the ambitions in force still drive the trajectories");
        var quarantined = new List<LakeEntry>();
        await foreach (var e in _lake.ListAsync("quarantine/ambities/")) quarantined.Add(e);
        Assert.AreEqual(2, quarantined.Count, "the rejected file and its reason file");

        var ops = Mails("beheer@example.org");
        Assert.HasCount(1, ops);
        StringAssert.Contains(ops[0].TextBody, "regel 3");
        StringAssert.Contains(ops[0].Subject, "ambitiebestand ambities.csv afgekeurd");
        Assert.HasCount(1, HookDigests(), "operator notices do not go to directie mbo");

        await RunAsync(bad);
        Assert.HasCount(1, Mails("beheer@example.org"), "reported once");
    }
}
