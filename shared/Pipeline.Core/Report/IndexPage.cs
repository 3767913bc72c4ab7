using Pipeline.Core.Indicators;
using System.Text;
using Pipeline.Core.Alerts;
using Pipeline.Core.Gold;
using static Pipeline.Core.Report.NlFormat;

namespace Pipeline.Core.Report;

/// <summary>
/// <c>index.html</c>, for directie mbo: per indicator how many institutions are op koers, risico, uit koers or have
/// onvoldoende data (in the newest year of each trajectory), the newest alerts, data freshness and provisional years.
/// </summary>
public static class IndexPage
{
    public const int NieuwsteAlerts = 25;

    public static string Render(ReportData data)
    {
        var b = new StringBuilder();
        b.Append("<h1>Werkagenda mbo: voortgang op de ambities voor 2027</h1>\n");
        b.Append($"<p class=\"meta\">Rapport gemaakt op {H(DatumTijd(data.GeneratedAt))}. ");
        b.Append(data.GoldWritten is { } w ? $"Indicatoren en trajecten berekend op {H(DatumTijd(w))} (run {H(data.GoldRunId)}).</p>\n"
            : "De indicatoren zijn nog niet berekend.</p>\n");

        Stand(b, data);
        Alerts(b, data);
        Actualiteit(b, data);
        Instellingen(b, data);
        return ReportPage.Document("Werkagenda mbo: voortgang op de ambities", b.ToString());
    }

    private static void Stand(StringBuilder b, ReportData data)
    {
        b.Append("<h2 id=\"stand\">Stand per indicator</h2>\n");
        b.Append($"<p>Per indicator het aantal instellingen met een ambitie, naar de status in het nieuwste meetjaar van hun traject " +
                 $"({data.Ambities.Count} ambities van kracht).</p>\n");
        b.Append(ReportPage.Legend());
        var newest = data.Nieuwste;
        if (newest.Count == 0)
        {
            b.Append("<p>Er zijn nog geen trajecten: er zijn geen ambities van kracht of er zijn geen meetwaarden.</p>\n");
            return;
        }
        b.Append("<table id=\"stand-per-indicator\">\n<caption>Aantal instellingen per status (nieuwste meetjaar)</caption>\n<thead><tr><th scope=\"col\">indicator</th>");
        foreach (var s in StatusStyle.All) b.Append($"<th scope=\"col\" class=\"getal\">{ReportPage.Status(s.Status)}</th>");
        b.Append("<th scope=\"col\" class=\"getal\">totaal</th></tr></thead>\n<tbody>\n");
        foreach (var g in newest.GroupBy(t => t.Indicator).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var naam = IndicatorCatalog.Find(g.Key)?.Naam ?? g.Key;
            b.Append($"<tr><th scope=\"row\">{H(naam)} <span class=\"meta\">({H(g.Key)})</span></th>");
            foreach (var s in StatusStyle.All)
                b.Append($"<td class=\"getal\" data-indicator=\"{H(g.Key)}\" data-status=\"{s.Status}\">{g.Count(t => t.Status == s.Status)}</td>");
            b.Append($"<td class=\"getal\">{g.Count()}</td></tr>\n");
        }
        b.Append("</tbody>\n</table>\n");
        ZonderTraject(b, data.AmbitiesZonderTraject, data);
    }

    /// <summary>Ambitions in force that have no trajectory yet: their indicator has no values.</summary>
    internal static void ZonderTraject(StringBuilder b, IReadOnlyList<Ambition> ambities, ReportData data)
    {
        if (ambities.Count == 0) return;
        b.Append("<p>Ambities zonder meetwaarden (nog geen traject):</p>\n<ul class=\"zonder-traject\">\n");
        foreach (var a in ambities)
        {
            var e = Eenheid(a.Indicator);
            b.Append($"<li>{H(data.NaamVan(a.Instellingscode))} ({H(a.Instellingscode)}): {H(IndicatorCatalog.Find(a.Indicator)?.Naam ?? a.Indicator)}, " +
                     $"van {H(MetEenheid(a.Startwaarde, e))} in {a.Basisjaar} naar {H(MetEenheid(a.Streefwaarde2027, e))} in {TrajectoryRules.Doeljaar}</li>\n");
        }
        b.Append("</ul>\n");
    }

    private static void Alerts(StringBuilder b, ReportData data)
    {
        b.Append("<h2 id=\"alerts\">Nieuwste alerts</h2>\n");
        if (data.Alerts.Count == 0)
        {
            b.Append("<p>Geen alerts: geen instelling wijkt af van haar ambitietraject.</p>\n");
            return;
        }
        var newest = data.Alerts.OrderByDescending(a => a.Jaar).ThenBy(a => a.Ernst == Ernst.Kritiek ? 0 : 1)
            .ThenBy(a => a.Instellingscode, StringComparer.Ordinal).ThenBy(a => a.Indicator, StringComparer.Ordinal)
            .Take(NieuwsteAlerts).ToList();
        b.Append(newest.Count == data.Alerts.Count
            ? $"<p>Alle {newest.Count} alerts, nieuwste meetjaar en kritiek eerst.</p>\n"
            : $"<p>De {newest.Count} nieuwste van {data.Alerts.Count} alerts, nieuwste meetjaar en kritiek eerst.</p>\n");
        b.Append("<table id=\"alerts-tabel\">\n<thead><tr><th scope=\"col\">instelling</th><th scope=\"col\">indicator</th><th scope=\"col\">jaar</th>" +
                 "<th scope=\"col\">status</th><th scope=\"col\">ernst</th><th scope=\"col\" class=\"getal\">waarde</th>" +
                 "<th scope=\"col\" class=\"getal\">verwacht</th><th scope=\"col\" class=\"getal\">achterstand</th></tr></thead>\n<tbody>\n");
        foreach (var a in newest)
        {
            var eenheid = Eenheid(a.Indicator);
            var naam = a.Instellingsnaam.Length > 0 ? a.Instellingsnaam : data.NaamVan(a.Instellingscode);
            b.Append($"<tr><td><a href=\"{H(InstitutionPage.Href(a.Instellingscode))}\">{H(naam)}</a> ({H(a.Instellingscode)})</td>");
            b.Append($"<td>{H(IndicatorCatalog.Find(a.Indicator)?.Naam ?? a.Indicator)}</td><td>{a.Jaar}</td>");
            b.Append($"<td>{(StatusStyle.All.Any(s => s.Status == a.Status) ? ReportPage.Status(a.Status) : H(a.Status))}</td><td>{H(a.Ernst)}</td>");
            b.Append($"<td class=\"getal\">{H(MetEenheid(a.Waarde, eenheid))}</td><td class=\"getal\">{H(MetEenheid(a.VerwachteWaarde, eenheid))}</td>");
            b.Append($"<td class=\"getal\">{H(Achterstand(a.Achterstand, eenheid))}</td></tr>\n");
        }
        b.Append("</tbody>\n</table>\n");
    }

    private static void Actualiteit(StringBuilder b, ReportData data)
    {
        b.Append("<h2 id=\"actualiteit\">Actualiteit van de data</h2>\n");
        if (data.Bronnen.Count > 0)
        {
            b.Append("<table id=\"bronnen\">\n<thead><tr><th scope=\"col\">bron</th><th scope=\"col\">dataset</th><th scope=\"col\">opgehaald</th>" +
                     "<th scope=\"col\">gewijzigd bij de bron</th><th scope=\"col\">actualiteit</th><th scope=\"col\">voorlopig jaar</th></tr></thead>\n<tbody>\n");
            foreach (var s in data.Bronnen)
                b.Append($"<tr><td>{H(s.Bron)}</td><td>{H(s.Dataset)}</td><td>{H(Datum(s.Opgehaald))}</td><td>{H(s.BronGewijzigd ?? "–")}</td>" +
                         $"<td>{H(Versheid(s.Versheid))}</td><td>{(s.VoorlopigJaar is { } j ? j.ToString(Culture) : "–")}</td></tr>\n");
            b.Append("</tbody>\n</table>\n");
        }
        var voorlopig = data.VoorlopigeJaren.GroupBy(v => v.Indicator).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (voorlopig.Count == 0)
            b.Append("<p id=\"voorlopig\">Geen van de getoonde jaren bevat voorlopige cijfers.</p>\n");
        else
        {
            b.Append("<p id=\"voorlopig\">Voorlopige cijfers (kunnen nog veranderen):</p>\n<ul>\n");
            foreach (var g in voorlopig)
                b.Append($"<li>{H(IndicatorCatalog.Find(g.Key)?.Naam ?? g.Key)}: {string.Join(", ", g.Select(v => v.Jaar).Order())}</li>\n");
            b.Append("</ul>\n");
        }
    }

    private static string Versheid(string state) => state switch
    {
        Orchestration.DatasetFreshness.Ok => "actueel",
        Orchestration.DatasetFreshness.Stale => "verouderd",
        Orchestration.DatasetFreshness.Failing => "ophalen mislukt",
        _ => state,
    };

    private static void Instellingen(StringBuilder b, ReportData data)
    {
        b.Append("<h2 id=\"instellingen\">Instellingen</h2>\n");
        if (data.Instellingen.Count == 0)
        {
            b.Append("<p>Nog geen instellingen met een ambitietraject.</p>\n");
            return;
        }
        b.Append("<ul id=\"instellingen-lijst\">\n");
        var newest = data.Nieuwste.ToLookup(t => t.Instellingscode);
        foreach (var code in data.Instellingen)
        {
            var statuses = StatusStyle.All.Select(s => (s, n: newest[code].Count(t => t.Status == s.Status))).Where(x => x.n > 0)
                .Select(x => $"{x.n} {x.s.Label}");
            b.Append($"<li><a href=\"{H(InstitutionPage.Href(code))}\">{H(data.NaamVan(code))}</a> ({H(code)}): {H(string.Join(", ", statuses))}</li>\n");
        }
        b.Append("</ul>\n");
    }
}
