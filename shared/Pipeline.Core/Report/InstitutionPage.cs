using System.Text;
using Pipeline.Core.Gold;
using static Pipeline.Core.Report.NlFormat;

namespace Pipeline.Core.Report;

/// <summary>
/// <c>instelling/{instellingscode}.html</c>: per indicator with an ambition a trajectory chart, with its text
/// alternative (a caption and a table of the values per year), and the institution's alerts.
/// </summary>
public static class InstitutionPage
{
    public const string Folder = "instelling";

    /// <summary>The page's path relative to the report root; codes other than letters and digits are hex-encoded.</summary>
    public static string Href(string instellingscode) => $"{Folder}/{FileStem(instellingscode)}.html";

    private static string FileStem(string code) =>
        code.Length > 0 && code.All(char.IsAsciiLetterOrDigit) ? code : "x" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(code));

    public static string Render(ReportData data, string instellingscode)
    {
        var naam = data.NaamVan(instellingscode);
        var figures = TrajectoryFigure.Of(data, instellingscode);
        var b = new StringBuilder();
        b.Append("<p><a href=\"../index.html\">← overzicht alle instellingen</a></p>\n");
        b.Append($"<h1>{H(naam)} <span class=\"meta\">({H(instellingscode)})</span></h1>\n");
        b.Append($"<p class=\"meta\">Rapport gemaakt op {H(DatumTijd(data.GeneratedAt))}. Per indicator met een ambitie: het traject van de " +
                 "startwaarde in het basisjaar naar de streefwaarde voor 2027 en de gemeten waarden per jaar.</p>\n");
        b.Append(ReportPage.Legend());

        var n = 0;
        foreach (var f in figures) Figure(b, f, ++n);

        IndexPage.ZonderTraject(b, data.AmbitiesZonderTraject.Where(a => a.Instellingscode == instellingscode).ToList(), data);

        var alerts = data.Alerts.Where(a => a.Instellingscode == instellingscode).OrderByDescending(a => a.Jaar)
            .ThenBy(a => a.Indicator, StringComparer.Ordinal).ToList();
        b.Append("<h2 id=\"alerts\">Alerts</h2>\n");
        if (alerts.Count == 0) b.Append("<p>Geen alerts voor deze instelling.</p>\n");
        else
        {
            b.Append("<ul>\n");
            foreach (var a in alerts)
                b.Append($"<li><strong>{a.Jaar} – {H(a.Titel)}</strong> ({H(a.Ernst)})<br>{H(a.Tekst).ReplaceLineEndings("<br>")}</li>\n");
            b.Append("</ul>\n");
        }
        return ReportPage.Document($"{naam} ({instellingscode}): ambitietrajecten Werkagenda mbo", b.ToString());
    }

    private static void Figure(StringBuilder b, TrajectoryFigure f, int n)
    {
        var e = f.Eenheid;
        var last = f.Nieuwste;
        var id = $"traject-{n}";
        var summary =
            $"{f.Naam}: startwaarde {MetEenheid(f.Startwaarde, e)} in {f.Basisjaar}, streefwaarde {MetEenheid(f.Streefwaarde2027, e)} in " +
            $"{TrajectoryRules.Doeljaar}, tolerantie {Verschil(f.Tolerantie, e)}. In {last.Jaar} " +
            (last.Waarde is null ? "is er geen waarde" : $"is de waarde {MetEenheid(last.Waarde, e)}{(last.Voorlopig ? " (voorlopig)" : "")}") +
            $", verwacht op het traject {MetEenheid(last.VerwachteWaarde, e)}: {StatusStyle.Of(last.Status).Label}.";

        b.Append($"<figure id=\"{id}\" data-indicator=\"{H(f.Indicator)}\" aria-labelledby=\"{id}-titel\">\n");
        b.Append($"<h2 id=\"{id}-titel\">{H(f.Naam)}</h2>\n");
        b.Append(TrajectoryChart.Svg(f, summary, $"t{n}-")).Append('\n');
        b.Append($"<figcaption>\n<p>{H(summary)}</p>\n");
        b.Append($"<table>\n<caption>Waarden per jaar: {H(f.Naam)}</caption>\n<thead><tr><th scope=\"col\">jaar</th>" +
                 "<th scope=\"col\" class=\"getal\">waarde</th><th scope=\"col\" class=\"getal\">bereik (onderdrukking)</th>" +
                 "<th scope=\"col\" class=\"getal\">verwacht</th><th scope=\"col\" class=\"getal\">achterstand</th><th scope=\"col\">status</th></tr></thead>\n<tbody>\n");
        foreach (var p in f.Punten)
        {
            var bereik = p.HeeftBereik ? Bereik(p.WaardeMin!.Value, p.WaardeMax!.Value, e) : "–";
            b.Append($"<tr><th scope=\"row\">{p.Jaar}{(p.Voorlopig ? " (voorlopig)" : "")}</th><td class=\"getal\">{H(Getal(p.Waarde, e))}</td>" +
                     $"<td class=\"getal\">{H(bereik)}</td><td class=\"getal\">{H(Getal(p.VerwachteWaarde, e))}</td>" +
                     $"<td class=\"getal\">{H(Achterstand(p.Achterstand, e))}</td><td>{ReportPage.Status(p.Status)}</td></tr>\n");
        }
        b.Append("</tbody>\n</table>\n</figcaption>\n</figure>\n");
    }
}
