using Microsoft.Extensions.DependencyInjection;
using Pipeline.Cli;
using Pipeline.Core.Alerts;
using Pipeline.Core.Lake;
using Pipeline.Core.Orchestration;
using Pipeline.Core.Runs;
using Pipeline.Core.Tables;
using Pipeline.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Tests.EndToEnd;

/// <summary>
/// The digest contract on the sample data with the webhook (WireMock) and SMTP (aiosmtpd) channels on: the first
/// refresh of an empty lake sends one digest per channel about the current state (the newest year per institution and
/// indicator), a second sends nothing, and a new year's file that changes one status sends one digest with that one
/// change, retried on the next run where the channel failed and never sent twice.
/// </summary>
[TestClass]
public sealed class SampleDigestTests
{
    private const string Directie = "directie-mbo@example.org";

    [TestMethod]
    public async Task Sample_refreshes_send_one_newest_year_digest_per_channel_then_nothing_then_only_a_new_years_change()
    {
        using var dir = new TempDirectory();
        using var hook = WireMockServer.Start();
        using var smtp = AiosmtpdServer.Start();
        Up(hook);
        var config = Program.Configuration(dir.Path, new Dictionary<string, string?>
        {
            ["Alerts:Webhook:Url"] = hook.Urls[0] + "/hook",
            ["Alerts:Smtp:Host"] = smtp.Host,
            ["Alerts:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Alerts:Smtp:Security"] = "None",
            ["Alerts:Smtp:From"] = "pipeline@example.org",
            ["Alerts:Smtp:To"] = Directie,
        });
        await using var services = Program.Services(config, Path.Combine(AppContext.BaseDirectory, "samples"));
        var pipeline = services.GetRequiredService<PipelineService>();
        var lake = new FileSystemLake(dir.Path);
        List<MimeKit.MimeMessage> Mails() => smtp.Messages().Where(m => m.To.Mailboxes.Any(b => b.Address == Directie)).ToList();

        // First refresh on an empty lake: one digest per channel, about the current state.
        var first = await pipeline.RefreshAsync("test", ct: CancellationToken.None);
        Assert.AreEqual(RunOutcomes.Succeeded, first.Outcome, string.Join("; ", first.Stages.SelectMany(s => s.Errors)));
        var trajecten = await GoldTableStore.ReadTrajectenAsync(lake);
        var newest = trajecten.GroupBy(t => (t.Instellingscode, t.Indicator)).Select(g => g.MaxBy(t => t.Jaar)!).ToList();
        var expected = newest.Where(t => t.Status is TrajectoryStatus.Risico or TrajectoryStatus.UitKoers)
            .ToDictionary(t => Alert.IdFor(t.Instellingscode, t.Indicator, t.Jaar, t.Status));
        var history = trajecten.Except(newest).Count(t => t.Status is TrajectoryStatus.Risico or TrajectoryStatus.UitKoers);
        Assert.IsGreaterThan(0, expected.Count, "the sample has current alerts");
        Assert.IsGreaterThan(0, history, "and older years at risk, which are history");

        var card = DigestCards.Accepted(hook).Single();
        var ids = DigestCards.AlertIds(card);
        CollectionAssert.AreEquivalent(expected.Keys.ToList(), ids, "the newest year per institution and indicator, nothing older");
        var mail = Mails().Single();
        CollectionAssert.AreEqual(ids, DigestCards.MailAlertIds(mail), "the mail lists the same entries in the same order");

        var headings = DigestCards.Headings(card);
        var codes = expected.Values.Select(t => t.Instellingscode).Distinct().ToList();
        Assert.HasCount(codes.Count, headings, "one block per institution");
        var ranks = ids.Select(id => expected[id]).GroupBy(t => t.Instellingscode)
            .Select(g => g.Min(t => t.Status == TrajectoryStatus.UitKoers ? 0 : 1)).ToList();
        CollectionAssert.AreEqual(ranks.Order().ToList(), ranks, "institutions with a kritiek entry first");
        foreach (var code in codes)
        {
            var link = $"{LakeZones.Reports}/instelling/{code}.html";
            Assert.IsTrue(headings.Any(h => h.Contains($"[rapport]({link})", StringComparison.Ordinal)), $"{code} links to its page");
            Assert.IsTrue(File.Exists(Path.Combine(dir.Path, link)), $"{link} is published in the same run");
            StringAssert.Contains(mail.HtmlBody, $"<a href=\"{link}\">");
        }

        // Same data again: nothing to say.
        var second = await pipeline.RefreshAsync("test", ct: CancellationToken.None);
        StringAssert.Contains(second.Stages.Single(s => s.Stage == "alerts").Message, "queued 0");
        Assert.HasCount(1, DigestCards.Accepted(hook));
        Assert.HasCount(1, Mails());

        // A new year's JOB-monitor file: 25LH feels unsafe in 2025 (70.0 against 82.2 expected) — one status changes.
        // The webhook is down for this run: the mail goes, the card waits for the next run.
        Directory.CreateDirectory(Path.Combine(dir.Path, "landing", "job"));
        File.WriteAllText(Path.Combine(dir.Path, "landing", "job", "job-monitor-2025.csv"),
            "instellingscode,jaar,thema,vraag,respondenten,percentage_positief,rapportcijfer\n" +
            "25LH,2025,veiligheid,Ik voel me veilig op school,2900,70.0,\n");
        Down(hook);
        var third = await pipeline.RefreshAsync("test", ct: CancellationToken.None);
        Assert.AreEqual(RunOutcomes.Failed, third.Outcome, "the failing channel fails the alerts stage visibly");
        var change = Alert.IdFor("25LH", "job_veiligheid", 2025, TrajectoryStatus.UitKoers);
        Assert.HasCount(2, Mails());
        CollectionAssert.AreEqual(new[] { change }, DigestCards.MailAlertIds(Mails()[^1]), "exactly the one change");
        Assert.HasCount(1, DigestCards.Accepted(hook));

        Up(hook);
        await pipeline.RefreshAsync("test", ct: CancellationToken.None);
        await pipeline.RefreshAsync("test", ct: CancellationToken.None);
        var cards = DigestCards.Accepted(hook);
        Assert.HasCount(2, cards, "the pending digest was sent once, on the next run");
        CollectionAssert.AreEqual(new[] { change }, DigestCards.AlertIds(cards[^1]));
        Assert.HasCount(2, Mails(), "the mail channel, which had accepted it, is not sent it again");
    }

    private static void Up(WireMockServer hook)
    {
        hook.ResetMappings();
        hook.Given(Request.Create().WithPath("/hook").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
    }

    private static void Down(WireMockServer hook)
    {
        hook.ResetMappings();
        hook.Given(Request.Create().WithPath("/hook").UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
    }
}
