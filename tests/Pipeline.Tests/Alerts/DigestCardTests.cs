using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Core.Alerts;
using Pipeline.Core.Tables;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Alerts;

[TestClass]
public sealed class DigestCardTests
{
    private static readonly ReportLinks Links = new(new Uri("https://rapport.example/mbo/"));
    private static readonly string[] Indicators = ["aandeel_bbl", "vsv_percentage", "diplomarendement"];

    /// <summary>
    /// Entries as the alerts stage makes them (<see cref="AlertBuilder"/>'s samenvatting, real-length institution names),
    /// <paramref name="perInstitution"/> indicators off course or at risk for each of <paramref name="institutions"/>.
    /// </summary>
    private static AlertDigest Digest(int institutions, int perInstitution) => new(DateTimeOffset.UtcNow,
        Enumerable.Range(0, institutions).SelectMany(i => Indicators.Take(perInstitution).Select((indicator, k) =>
        {
            var code = $"{20 + i / 26:00}{(char)('A' + i % 26)}Z";
            var kritiek = (i + k) % 3 != 0;
            var status = kritiek ? TrajectoryStatus.UitKoers : TrajectoryStatus.Risico;
            return new DigestEntry(Alert.IdFor(code, indicator, 2024, status), $"{code}|{indicator}", code,
                $"Regionaal Opleidingen Centrum {code} Midden-Nederland", indicator, 2024, status, kritiek ? Ernst.Kritiek : Ernst.Waarschuwing,
                $"{indicator}, 2024: {(kritiek ? "uit koers" : "risico")} — gemeten 17,5 %, verwacht 22,0 %, streefwaarde 2027 25,0 %.",
                Links.For(code));
        })).ToList(), []);

    private static int Bytes(JsonNode card) => Encoding.UTF8.GetByteCount(card.ToJsonString());

    private static string? LeftOutNote(JsonNode card) =>
        DigestCards.Elements(card).Where(e => (string?)e["id"] == "weggelaten").Select(e => (string?)e["text"]).SingleOrDefault();

    [TestMethod]
    public void ADigestThatFitsIsSentWhole_EveryAlertInGroupOrder()
    {
        var digest = Digest(institutions: 3, perInstitution: 2);
        var card = DigestCard.Message(digest);
        CollectionAssert.AreEqual(digest.Groups.SelectMany(g => g.Entries).Select(e => e.AlertId).ToList(), DigestCards.AlertIds(card));
        Assert.IsNull(LeftOutNote(card));
    }

    [TestMethod]
    public void AFirstNationalDigestStaysUnderTheTeamsLimit_WholeInstitutionsMostSevereFirst_ThenWhatWasLeftOutWithTheOverviewLink()
    {
        var digest = Digest(institutions: 160, perInstitution: 3);
        Assert.IsGreaterThan(28 * 1024, Bytes(DigestCard.Message(digest, maxBytes: int.MaxValue)), "the whole card would be refused by Teams");

        var card = DigestCard.Message(digest);

        Assert.IsLessThanOrEqualTo(DigestCard.MaxBytes, Bytes(card));
        var shown = DigestCards.AlertIds(card);
        var kept = digest.Groups.Count(g => g.Entries.All(e => shown.Contains(e.AlertId)));
        Assert.IsGreaterThan(10, kept);
        CollectionAssert.AreEqual(digest.Groups.Take(kept).SelectMany(g => g.Entries).Select(e => e.AlertId).ToList(), shown,
            "the first institutions in the digest's order, each with all its alerts");
        StringAssert.Contains((string?)DigestCards.Body(card)[0]!["text"], "480 meldingen over 160 instellingen");
        var note = LeftOutNote(card);
        Assert.IsNotNull(note);
        StringAssert.Contains(note, $"Nog {480 - shown.Count} meldingen bij {160 - kept} instellingen passen niet in dit bericht");
        StringAssert.Contains(note, "[rapport](https://rapport.example/mbo/index.html)");
    }
}
