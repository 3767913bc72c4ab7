using System.Text;

namespace Pipeline.Core.Report;

/// <summary>
/// The frame every report page shares: a self-contained HTML document (inline CSS, no scripts, no external resources,
/// so it reads offline and in e-mail) and the status legend.
/// </summary>
internal static class ReportPage
{
    private const string Css = """
        body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45; }
        h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; } h3 { font-size: 1.1rem; }
        table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .92rem; }
        th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; vertical-align: top; }
        td.getal, th.getal { text-align: right; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: bold; padding: .25rem 0; }
        figure { margin: 1rem 0 2.5rem; border-top: 1px solid #ddd; padding-top: .5rem; }
        svg.grafiek { max-width: 100%; height: auto; }
        .symbool { font-size: 1.1em; }
        .legenda li { list-style: none; }
        .meta { color: #555; font-size: .9rem; }
        """;

    public static string Document(string title, string body)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(NlFormat.H(title)).Append("</title>\n<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n");
        html.Append(body);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>A status as text with its symbol in its colour: never colour alone.</summary>
    public static string Status(string status)
    {
        var s = StatusStyle.Of(status);
        return $"<span class=\"symbool\" style=\"color:{s.Hex}\" aria-hidden=\"true\">{s.Symbol}</span> {NlFormat.H(s.Label)}";
    }

    public static string Legend() =>
        "<ul class=\"legenda\" aria-label=\"legenda\">\n" +
        string.Concat(StatusStyle.All.Select(s => $"<li>{Status(s.Status)}</li>\n")) +
        $"<li><span style=\"color:{StatusStyle.PadHex}\" aria-hidden=\"true\">– – ○</span> ambitietraject van startwaarde naar streefwaarde 2027, " +
        $"met <span style=\"background:{StatusStyle.BandHex}55\">tolerantieband</span> (verwachte waarde ± tolerantie)</li>\n" +
        "<li><span aria-hidden=\"true\">⊥</span> bereik van de waarde door onderdrukking van kleine aantallen (waarde_min – waarde_max)</li>\n" +
        "<li><span style=\"background:#80808030\">grijs vlak</span>: voorlopige cijfers</li>\n</ul>\n";
}
