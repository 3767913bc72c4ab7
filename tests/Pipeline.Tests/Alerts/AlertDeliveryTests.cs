using Pipeline.Core.Tables;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Pipeline.Core.Alerts;
using Pipeline.Core.Gold;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Tests.Alerts;

/// <summary>
/// Sent once, end to end: silver Parquet in a real lake on disk → GoldService → a WireMock webhook and a real SMTP
/// server (aiosmtpd) on loopback.
/// </summary>
[TestClass]
public sealed class AlertDeliveryTests
{
    private const string Ambities = AmbitionsParser.Header + "\n" +
                                    "25LH,aandeel_bbl,2022,20,25,2\n" +
                                    "25PZ,aandeel_bbl,2022,30,35,2\n" +
                                    "27GN,aandeel_bbl,2022,10,12,2\n";

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

    private GoldService Service() => GoldService.FromConfiguration(_lake, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Alerts:Webhook:Url"] = _hook.Urls[0] + "/hook",
        ["Alerts:Smtp:Host"] = _smtp.Host,
        ["Alerts:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Alerts:Smtp:Security"] = "None",
        ["Alerts:Smtp:From"] = "pipeline@example.org",
        ["Alerts:Smtp:To"] = "directie-mbo@example.org, analist@example.org",
        ["Alerts:Operators:To"] = "beheer@example.org",
    }).Build(), _http);

    /// <summary>BBL per 1000 students for 2022–2024, per institution.</summary>
    private Task SilverAsync(int lh2024 = 195, int gn2024 = 108) => SilverTables.WriteStudentenAsync(_lake,
        Inst("25LH", "ROC Midden Nederland", 200, 210, lh2024)
            .Concat(Inst("25PZ", "ROC Mondriaan", 300, 250, 260))
            .Concat(Inst("27GN", "Grafisch Lyceum R'dam", 100, 104, gn2024)));

    private static IEnumerable<SilverTables.Studenten> Inst(string code, string naam, int b22, int b23, int b24) =>
        SilverTables.Year(2022, code, naam, b22, 5, 995 - b22, 10)
            .Concat(SilverTables.Year(2023, code, naam, b23, 5, 995 - b23, 10))
            .Concat(SilverTables.Year(2024, code, naam, b24, 5, 995 - b24, 10));

    private async Task<(GoldSummary? Summary, RunManifest Manifest)> RunAsync(string? ambities = Ambities)
    {
        var run = new RunRecorder(_lake, "test");
        var summary = await Service().RunAsync(run, ambities is null ? null : new AmbitionsInput("ambities.csv", System.Text.Encoding.UTF8.GetBytes(ambities)));
        return (summary, await run.CompleteAsync());
    }

    /// <summary>Alert ids the webhook accepted (2xx), in order.</summary>
    private List<string> HookDelivered() => _hook.LogEntries
        .Where(e => Equals(e.ResponseMessage.StatusCode, 200))
        .OrderBy(e => e.RequestMessage.DateTime)
        .Select(e => JsonNode.Parse(e.RequestMessage.Body!)!["attachments"]![0]!["content"]!["body"]![2]!["facts"]!.AsArray()
            .Single(f => (string?)f!["title"] == "Alert-id")!["value"]!.GetValue<string>())
        .ToList();

    private List<string> MailDelivered() => _smtp.Messages().Select(m => m.Headers["X-Pipeline-Alert-Id"] ?? "").ToList();

    [TestMethod]
    public async Task FirstRunDeliversEveryAlertOnceAndASecondRunOnTheSameDataDeliversNothing()
    {
        await SilverAsync();
        var (first, m1) = await RunAsync();
        Assert.AreEqual(RunOutcomes.Succeeded, m1.Outcome, string.Join("; ", m1.Stages.SelectMany(s => s.Errors)));
        // 25LH 2024 risico (19.5 vs 22), 25PZ 2023 and 2024 uit_koers (25 vs 31, 26 vs 32), 27GN on course.
        Assert.AreEqual(3, first!.Alerts);
        Assert.AreEqual((1, 2), (first.Waarschuwingen, first.Kritiek));
        Assert.AreEqual(3, HookDelivered().Count);
        Assert.AreEqual(3, MailDelivered().Count);
        CollectionAssert.AreEquivalent(HookDelivered(), MailDelivered());
        var mail = _smtp.Messages()[0];
        CollectionAssert.AreEquivalent(new[] { "directie-mbo@example.org", "analist@example.org" }, mail.To.Mailboxes.Select(x => x.Address).ToArray());
        StringAssert.Contains(mail.TextBody, "instellingscode");

        var (second, _) = await RunAsync();
        Assert.AreEqual(3, second!.Alerts, "the alerts still stand in gold/alerts");
        Assert.AreEqual(0, second.Delivery.Queued);
        Assert.AreEqual(3, HookDelivered().Count, "nothing more on the webhook");
        Assert.AreEqual(3, MailDelivered().Count, "nothing more by e-mail");
    }

    [TestMethod]
    public async Task AStatusChangeDeliversExactlyOneAlert()
    {
        await SilverAsync();
        await RunAsync();
        await SilverAsync(lh2024: 175); // 25LH 2024: 17.5 vs 22 → risico becomes uit_koers
        var (s, _) = await RunAsync();
        Assert.AreEqual(1, s!.Delivery.Queued);
        Assert.AreEqual(4, HookDelivered().Count);
        Assert.AreEqual(Alert.IdFor("25LH", "aandeel_bbl", 2024, TrajectoryStatus.UitKoers), HookDelivered()[^1]);
        Assert.AreEqual(4, MailDelivered().Count);
        Assert.AreEqual(Alert.IdFor("25LH", "aandeel_bbl", 2024, TrajectoryStatus.UitKoers), MailDelivered()[^1]);
    }

    [TestMethod]
    public async Task AChannelOutageKeepsAlertsPendingAndDeliversThemLaterWithNothingLostOrDoubled()
    {
        await SilverAsync();
        await RunAsync();

        HookDown();
        _smtp.Stop();
        await SilverAsync(gn2024: 60); // 27GN 2024: 6.0 vs 10.8 → a new uit_koers alert
        var (down, m) = await RunAsync();
        Assert.AreEqual(RunOutcomes.Failed, m.Outcome, "a channel that is down fails the alerts stage visibly");
        Assert.AreEqual(0, down!.Delivery.SentTotal);
        Assert.AreEqual(2, down.Delivery.PendingTotal, "one pending message per channel");
        Assert.AreEqual(3, HookDelivered().Count);

        var (stillDown, _) = await RunAsync();
        Assert.AreEqual(0, stillDown!.Delivery.Queued, "not queued twice while pending");
        Assert.AreEqual(2, stillDown.Delivery.PendingTotal);

        HookUp();
        _smtp.Resume();
        var (up, m2) = await RunAsync();
        Assert.AreEqual(RunOutcomes.Succeeded, m2.Outcome);
        Assert.AreEqual(2, up!.Delivery.SentTotal);
        Assert.AreEqual(0, up.Delivery.PendingTotal);

        await RunAsync();
        var expected = Alert.IdFor("27GN", "aandeel_bbl", 2024, TrajectoryStatus.UitKoers);
        foreach (var delivered in new[] { HookDelivered(), MailDelivered() })
        {
            Assert.AreEqual(4, delivered.Count);
            Assert.AreEqual(delivered.Count, delivered.Distinct().Count(), "nothing doubled");
            Assert.AreEqual(expected, delivered[^1], "the alert from the outage arrived");
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
        Assert.AreEqual(3, s!.Alerts, "the ambitions in force still drive the trajectories");
        var quarantined = new List<LakeEntry>();
        await foreach (var e in _lake.ListAsync("quarantine/ambities/")) quarantined.Add(e);
        Assert.AreEqual(2, quarantined.Count, "the rejected file and its reason file");

        var ops = _smtp.Messages().Where(x => x.To.Mailboxes.Any(b => b.Address == "beheer@example.org")).ToList();
        Assert.AreEqual(1, ops.Count);
        StringAssert.Contains(ops[0].TextBody, "regel 3");
        Assert.AreEqual(3, HookDelivered().Count, "operator alerts do not go to directie mbo");

        await RunAsync(bad);
        Assert.AreEqual(1, _smtp.Messages().Count(x => x.To.Mailboxes.Any(b => b.Address == "beheer@example.org")), "reported once");
    }
}
