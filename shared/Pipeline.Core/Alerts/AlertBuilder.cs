using System.Globalization;
using Pipeline.Core.Indicators;
using Pipeline.Core.Tables;

namespace Pipeline.Core.Alerts;

/// <summary>What the trajectories call for: the current alerts, and the keys that are back on course.</summary>
public sealed record CurrentAlerts(IReadOnlyList<Alert> Alerts, IReadOnlyList<string> Recovered);

/// <summary>
/// Turns the newest year of each trajectory (<c>gold/trajecten</c>) with status risico or uit_koers into an alert with
/// a plain Dutch text. Older years are history: they stay in <c>gold/trajecten</c> and the report, and raise nothing.
/// </summary>
public static class AlertBuilder
{
    /// <summary>Bump when a rule or text here changes: <c>gold/alerts</c> is then rebuilt even where gold is unchanged.</summary>
    public const int TextVersion = 1;

    // Dutch number format without depending on ICU culture data being present on the host.
    private static readonly NumberFormatInfo Nl = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = ".", NegativeSign = "−" };
    private static readonly string[] Maanden =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    public static CurrentAlerts Build(IEnumerable<TrajectRow> trajecten, IEnumerable<IndicatorRow> indicatoren,
        IReadOnlyDictionary<string, string> instellingsNamen)
    {
        var values = indicatoren.ToDictionary(v => (v.Instellingscode, v.Indicator, v.Jaar));
        var newest = Newest(trajecten);
        var alerts = newest.Where(t => t.Status is TrajectoryStatus.Risico or TrajectoryStatus.UitKoers)
            .Select(t => Build(t, values.GetValueOrDefault((t.Instellingscode, t.Indicator, t.Jaar)), NameOf(t.Instellingscode, instellingsNamen)))
            .ToList();
        var recovered = newest.Where(t => t.Status == TrajectoryStatus.OpKoers)
            .Select(t => Alert.DeliveryKey(t.Instellingscode, t.Indicator)).ToList();
        return new CurrentAlerts(alerts, recovered);
    }

    /// <summary>Per institution and indicator, the row of its newest measurement year.</summary>
    public static IReadOnlyList<TrajectRow> Newest(IEnumerable<TrajectRow> trajecten) =>
        trajecten.GroupBy(t => (t.Instellingscode, t.Indicator)).Select(g => g.MaxBy(t => t.Jaar)!)
            .OrderBy(t => t.Instellingscode, StringComparer.Ordinal).ThenBy(t => t.Indicator, StringComparer.Ordinal).ToList();

    private static string NameOf(string code, IReadOnlyDictionary<string, string> names) =>
        code == IndicatorCatalog.Landelijk ? "Nederland (landelijk)" : names.GetValueOrDefault(code) ?? "onbekende instelling";

    public static Alert Build(TrajectRow p, IndicatorRow? value, string instellingsnaam)
    {
        var def = IndicatorCatalog.Get(p.Indicator);
        var kritiek = p.Status == TrajectoryStatus.UitKoers;
        var ernst = kritiek ? Ernst.Kritiek : Ernst.Waarschuwing;
        var statusText = kritiek ? "uit koers" : "een risico (dreigt achter te raken)";
        var bron = SourceLabel.Parse(value?.Bron);
        var titel = $"{(kritiek ? "Kritiek" : "Waarschuwing")}: {instellingsnaam} ({p.Instellingscode}) — {def.Naam}, {p.Jaar}";

        var lines = new List<string>
        {
            $"{instellingsnaam} (instellingscode {p.Instellingscode}) ligt in {p.Jaar} {(kritiek ? "uit koers" : "niet goed op koers")} " +
            $"op de indicator '{def.Naam}' ({def.Code}, doelstelling {def.Doelstelling} van de Werkagenda mbo).",
            "",
            $"Gemeten waarde in {p.Jaar}: {Value(p.Waarde, def)}{Uncertainty(value, def)}.",
            $"Verwachte waarde op het ambitietraject: {Value(p.VerwachteWaarde, def)} (start {Value(p.Startwaarde, def)} in {p.Basisjaar}).",
            $"Streefwaarde 2027: {Value(p.Streefwaarde2027, def)}.",
            Gap(p, def),
        };
        if (p.Waarde is { } w && def.Richting.Sign() * (w - p.Startwaarde) < -p.Tolerantie)
            lines.Add($"De waarde is verder van de ambitie af komen te liggen dan de startwaarde ({Value(p.Startwaarde, def)}).");
        lines.Add($"Status: {statusText}; ernst: {ernst}.");
        lines.Add($"Bron: {SourceName(bron)}{Fetched(value?.BronOpgehaald)}" +
                  (bron.RawSha256.Length > 0 ? $" (bestand sha256 {bron.RawSha256[..Math.Min(12, bron.RawSha256.Length)]}…)." : "."));

        var samenvatting = $"{def.Naam}, {p.Jaar}: {(kritiek ? "uit koers" : "risico")} — gemeten {Value(p.Waarde, def)}, " +
                           $"verwacht {Value(p.VerwachteWaarde, def)}, streefwaarde 2027 {Value(p.Streefwaarde2027, def)}.";

        return new Alert(Alert.IdFor(p.Instellingscode, p.Indicator, p.Jaar, p.Status), p.Instellingscode, instellingsnaam,
            p.Indicator, def.Naam, p.Jaar, p.Status, ernst, p.Waarde, p.VerwachteWaarde, p.Streefwaarde2027, p.Achterstand,
            p.Tolerantie, value?.Bron ?? "", value?.BronOpgehaald, titel, string.Join("\n", lines), samenvatting);
    }

    private static string Gap(TrajectRow p, IndicatorDefinition def)
    {
        if (p.Achterstand is not { } a) return "Achterstand op het traject: onbekend.";
        var unit = def.Eenheid == "%" ? " procentpunt" : "";
        var tol = $" (toegestane marge {Number(p.Tolerantie, def)}{unit})";
        return a < 0
            ? $"Achterstand op het traject: {Number(-a, def)}{unit}{tol}."
            : $"Voorsprong op het traject: {Number(a, def)}{unit}{tol}.";
    }

    private static string Uncertainty(IndicatorRow? v, IndicatorDefinition def) =>
        v is { WaardeMin: { } min, WaardeMax: { } max } && min != max
            ? $" (door afgeschermde kleine aantallen ligt de waarde tussen {Value(min, def)} en {Value(max, def)})"
            : v?.Kwaliteit == Kwaliteit.Voorlopig ? " (voorlopig cijfer)" : "";

    private static string Value(double? v, IndicatorDefinition def) =>
        v is null ? "onbekend" : def.Eenheid == "%" ? Number(v.Value, def) + " %" : Number(v.Value, def);

    private static string Number(double v, IndicatorDefinition def) =>
        def.Eenheid == "aantal" ? v.ToString("#,##0", Nl) : v.ToString("0.0", Nl);

    private static string Fetched(string? day) =>
        DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? $", opgehaald op {d.Day} {Maanden[d.Month - 1]} {d.Year}" : "";

    private static string SourceName(SourceLabel s)
    {
        var bron = s.Bron switch { "duo" => "DUO", "cbs" => "CBS", "job" => "JOB-monitor", "" => "onbekend", var x => x };
        return s.Dataset.Length > 0 ? $"{bron}, dataset {s.Dataset}" : bron;
    }
}
