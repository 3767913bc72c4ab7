using System.Globalization;
using Pipeline.Core.Gold;

namespace Pipeline.Core.Alerts;

/// <summary>Turns trajectory rows with status risico or uit_koers into alerts with a plain Dutch text.</summary>
public static class AlertBuilder
{
    // Dutch number format without depending on ICU culture data being present on the host.
    private static readonly NumberFormatInfo Nl = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = ".", NegativeSign = "−" };
    private static readonly string[] Maanden =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    public static IReadOnlyList<Alert> Build(IEnumerable<TrajectoryPoint> points, IReadOnlyDictionary<string, string> instellingsNamen) =>
        points.Where(p => p.Status is TrajectoryStatus.Risico or TrajectoryStatus.UitKoers)
            .Select(p => Build(p, NameOf(p.Instellingscode, instellingsNamen)))
            .ToList();

    private static string NameOf(string code, IReadOnlyDictionary<string, string> names) =>
        code == IndicatorCatalog.Landelijk ? "Nederland (landelijk)" : names.GetValueOrDefault(code) ?? "onbekende instelling";

    public static Alert Build(TrajectoryPoint p, string instellingsnaam)
    {
        var def = IndicatorCatalog.Get(p.Indicator);
        var ernst = p.Status == TrajectoryStatus.UitKoers ? Ernst.Kritiek : Ernst.Waarschuwing;
        var statusText = p.Status == TrajectoryStatus.UitKoers ? "uit koers" : "een risico (dreigt achter te raken)";
        var bron = p.Value?.Bron ?? SilverSource.Unknown;
        var titel = $"{(ernst == Ernst.Kritiek ? "Kritiek" : "Waarschuwing")}: {instellingsnaam} ({p.Instellingscode}) — {def.Naam}, {p.Jaar}";

        var lines = new List<string>
        {
            $"{instellingsnaam} (instellingscode {p.Instellingscode}) ligt in {p.Jaar} {(p.Status == TrajectoryStatus.UitKoers ? "uit koers" : "niet goed op koers")} " +
            $"op de indicator '{def.Naam}' ({def.Code}, doelstelling {def.Doelstelling} van de Werkagenda mbo).",
            "",
            $"Gemeten waarde in {p.Jaar}: {Value(p.Waarde, def)}{Uncertainty(p.Value, def)}.",
            $"Verwachte waarde op het ambitietraject: {Value(p.VerwachteWaarde, def)} (start {Value(p.Startwaarde, def)} in {p.Ambition.Basisjaar}).",
            $"Streefwaarde 2027: {Value(p.Streefwaarde2027, def)}.",
            Gap(p, def),
        };
        if (p.Waarde is { } w && def.Richting.Sign() * (w - p.Startwaarde) < -p.Tolerantie)
            lines.Add($"De waarde is verder van de ambitie af komen te liggen dan de startwaarde ({Value(p.Startwaarde, def)}).");
        lines.Add($"Status: {statusText}; ernst: {ernst}.");
        lines.Add($"Bron: {SourceName(bron)}{(bron.Opgehaald is { } d ? $", opgehaald op {d.Day} {Maanden[d.Month - 1]} {d.Year}" : "")}" +
                  (bron.RawSha256.Length > 0 ? $" (bestand sha256 {bron.RawSha256[..Math.Min(12, bron.RawSha256.Length)]}…)." : "."));

        return new Alert(Alert.IdFor(p.Instellingscode, p.Indicator, p.Jaar, p.Status), p.Instellingscode, instellingsnaam,
            p.Indicator, def.Naam, p.Jaar, p.Status, ernst, p.Waarde, p.VerwachteWaarde, p.Streefwaarde2027, p.Achterstand,
            p.Tolerantie, bron.Label, bron.Opgehaald, titel, string.Join("\n", lines));
    }

    private static string Gap(TrajectoryPoint p, IndicatorDefinition def)
    {
        if (p.Achterstand is not { } a) return "Achterstand op het traject: onbekend.";
        var unit = def.Eenheid == "%" ? " procentpunt" : "";
        var tol = $" (toegestane marge {Number(p.Tolerantie, def)}{unit})";
        return a < 0
            ? $"Achterstand op het traject: {Number(-a, def)}{unit}{tol}."
            : $"Voorsprong op het traject: {Number(a, def)}{unit}{tol}.";
    }

    private static string Uncertainty(IndicatorValue? v, IndicatorDefinition def) =>
        v is { WaardeMin: { } min, WaardeMax: { } max } && min != max
            ? $" (door afgeschermde kleine aantallen ligt de waarde tussen {Value(min, def)} en {Value(max, def)})"
            : v?.Kwaliteit == Kwaliteit.Voorlopig ? " (voorlopig cijfer)" : "";

    private static string Value(double? v, IndicatorDefinition def) =>
        v is null ? "onbekend" : def.Eenheid == "%" ? Number(v.Value, def) + " %" : Number(v.Value, def);

    private static string Number(double v, IndicatorDefinition def) =>
        def.Eenheid == "aantal" ? v.ToString("#,##0", Nl) : v.ToString("0.0", Nl);

    private static string SourceName(SilverSource s)
    {
        var bron = s.Bron switch { "duo" => "DUO", "cbs" => "CBS", "job" => "JOB-monitor", "" => "onbekend", var x => x };
        return s.Dataset.Length > 0 ? $"{bron}, dataset {s.Dataset}" : bron;
    }
}
