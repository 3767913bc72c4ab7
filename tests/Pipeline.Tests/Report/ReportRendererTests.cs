using Pipeline.Core.Tables;
using Pipeline.Core.Indicators;
using Pipeline.Core.Gold;
using Pipeline.Core.Report;

namespace Pipeline.Tests.Report;

/// <summary>The pages on hand-made data: every value from data is HTML-escaped, numbers are Dutch, charts are inline SVG.</summary>
[TestClass]
public sealed class ReportRendererTests
{
    private const string Evil = "<script>alert(\"x\")</script> & <img src=x onerror=y>";

    private static ReportData Data(string code) => new()
    {
        GeneratedAt = new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero),
        Trajecten =
        [
            Row(code, 2022, 18.0, TrajectoryStatus.OpKoers), Row(code, 2023, 17.26, TrajectoryStatus.Risico),
            Row(code, 2024, null, TrajectoryStatus.OnvoldoendeData), Row(code, 2025, 1234.5, TrajectoryStatus.UitKoers),
        ],
        Indicatoren =
        [
            new IndicatorRow { Instellingscode = code, Indicator = IndicatorCatalog.AandeelBbl, Jaar = 2023, Waarde = 17.26, WaardeMin = 16.5, WaardeMax = 18.76 },
            new IndicatorRow { Instellingscode = code, Indicator = IndicatorCatalog.AandeelBbl, Jaar = 2025, Waarde = 1234.5, Kwaliteit = Kwaliteit.Voorlopig },
        ],
        Alerts = [new AlertRow { Instellingscode = code, Instellingsnaam = Evil, Indicator = IndicatorCatalog.AandeelBbl, Jaar = 2025,
            Status = TrajectoryStatus.UitKoers, Ernst = "kritiek", Titel = Evil, Tekst = Evil + "\nregel 2" }],
        Instellingsnamen = new Dictionary<string, string> { [code] = Evil },
        Bronnen = [new ReportSource("duo", Evil, null, Evil, "ok", 2025)],
        VoorlopigeJaren = new HashSet<(string, int)> { (IndicatorCatalog.AandeelBbl, 2025) },
        Ambities =
        [
            new Ambition(code, IndicatorCatalog.AandeelBbl, 2022, 18, 24, 2),
            new Ambition(code, IndicatorCatalog.JobVeiligheid, 2023, 70.5, 80, null),
        ],
    };

    private static TrajectRow Row(string code, int jaar, double? waarde, string status) => new()
    {
        Instellingscode = code, Indicator = IndicatorCatalog.AandeelBbl, Jaar = jaar, Waarde = waarde, Startwaarde = 18, Basisjaar = 2022,
        Streefwaarde2027 = 24, Tolerantie = 2, VerwachteWaarde = 18 + 1.2 * (jaar - 2022), Achterstand = waarde - (18 + 1.2 * (jaar - 2022)),
        Status = status,
    };

    [TestMethod]
    public void Values_from_data_are_escaped_on_every_page()
    {
        var pages = ReportRenderer.Pages(Data("25<&>")).ToList();
        Assert.HasCount(2, pages);
        Assert.AreEqual("instelling/x32353c263e.html", pages[1].Path, "a code that is not letters and digits is hex-encoded");
        foreach (var (path, html) in pages)
        {
            Assert.DoesNotContain("<script", html, path);
            Assert.DoesNotContain("<img", html, path);
            StringAssert.Contains(html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=y&gt;", path);
        }
        StringAssert.Contains(pages[1].Html, "25&lt;&amp;&gt;");
    }

    [TestMethod]
    public void Institution_page_has_the_chart_inline_with_its_text_alternative_in_Dutch_notation()
    {
        var html = ReportRenderer.Pages(Data("25LH")).ToList()[1].Html;
        Assert.AreEqual(1, System.Text.RegularExpressions.Regex.Count(html, "<svg role=\"img\" aria-label=\""));
        Assert.DoesNotContain("<?xml", html);
        StringAssert.Contains(html, "<td class=\"getal\">17,3</td>", "17.26 with one decimal and a comma");
        StringAssert.Contains(html, "16,5 – 18,8", "the suppression range");
        StringAssert.Contains(html, "<td class=\"getal\">1.234,5</td>", "dot for thousands");
        StringAssert.Contains(html, "2025 (voorlopig)");
        StringAssert.Contains(html, "onvoldoende data");
        StringAssert.Contains(html, "streefwaarde 24,0 % in 2027");
        StringAssert.Contains(html, "tolerantie 2,0 procentpunt");
        StringAssert.Contains(html, "regel 2", "alert text kept, line breaks as <br>");
        StringAssert.Contains(html, "van 70,5 % in 2023 naar 80,0 % in 2027", "an ambition in force without values has no chart but is listed");
    }

    [TestMethod]
    public void Index_on_an_empty_lake_says_there_is_nothing_yet()
    {
        var data = new ReportData
        {
            GeneratedAt = DateTimeOffset.UnixEpoch, Trajecten = [], Indicatoren = [], Alerts = [],
            Instellingsnamen = new Dictionary<string, string>(), Bronnen = [],
        };
        var pages = ReportRenderer.Pages(data).ToList();
        Assert.HasCount(1, pages);
        StringAssert.Contains(pages[0].Html, "Er zijn nog geen trajecten");
        StringAssert.Contains(pages[0].Html, "Geen alerts");
    }
}
