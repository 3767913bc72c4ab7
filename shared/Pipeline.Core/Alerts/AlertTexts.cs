using System.Globalization;

namespace Pipeline.Core.Alerts;

/// <summary>
/// Every Dutch operator text in one place: what the stages found (a quarantined file, a failed or stale source, a
/// refused ambitions file, a persisting warning), worded for the operators' digest. The stages hand over facts; the
/// alerts stage owns the words.
/// </summary>
public static class AlertTexts
{
    public const string Quarantaine = "quarantaine";
    public const string BronMislukt = "bron_mislukt";
    public const string Verouderd = "verouderd";
    public const string AmbitiesOngeldig = "ambities_ongeldig";
    public const string IndicatorOntbreekt = "indicator_ontbreekt";

    /// <summary>An upload in <c>landing/</c> that bronze refused (the upload trigger).</summary>
    public static OperatorAlert UploadRejected(string landingName, string? reason) =>
        new(Quarantaine, $"Upload {landingName} afgekeurd",
            $"Het bestand {landingName} is niet ingelezen: {reason ?? "onbekende fout"}. Het staat in quarantine/ ter inspectie.");

    /// <summary>An upload for a dataset that a refresh refused.</summary>
    public static OperatorAlert DatasetUploadRejected(string label, string? reason) =>
        new(Quarantaine, $"Upload voor {label} afgekeurd",
            $"Een upload voor {label} is niet ingelezen: {reason ?? "onbekende fout"}. " +
            "De vorige goede gegevens blijven in gebruik; andere uploads zijn gewoon verwerkt.");

    public static OperatorAlert SourceFailed(string label, string? url, string? reason) =>
        new(BronMislukt, $"Bron {label} niet opgehaald",
            $"De bron {label} kon niet worden opgehaald ({url ?? "geen adres"}): {reason ?? "onbekende fout"}. " +
            "De vorige goede gegevens blijven in gebruik.");

    /// <summary>A raw file the silver stage refused.</summary>
    public static OperatorAlert RawFileRejected(string raw, IEnumerable<string> errors) =>
        new(Quarantaine, $"Bestand {raw} afgekeurd",
            $"Het bestand {raw} is niet genormaliseerd: {string.Join("; ", errors)}. Het staat in quarantine/ ter inspectie; " +
            "de vorige tabel blijft in gebruik.");

    /// <summary>A file that failed every attempt and now sits in <c>quarantine/poison/</c>.</summary>
    public static OperatorAlert Poison(string name, string quarantined, string reason) =>
        new(Quarantaine, $"Bestand {name} kon niet worden verwerkt",
            $"Het bestand {name} is na herhaalde pogingen niet verwerkt en staat nu in {quarantined}. Reden: {reason}. " +
            "Andere bestanden worden gewoon verwerkt; de vorige goede gegevens blijven in gebruik.");

    public static OperatorAlert AmbitionsRejected(string fileName, string quarantined, IReadOnlyList<string> errors) =>
        new(AmbitiesOngeldig, $"ambitiebestand {fileName} afgekeurd",
            $"Het ambitiebestand {fileName} is in zijn geheel afgekeurd; de geldende ambities blijven van kracht. " +
            $"Het bestand staat in {quarantined}.\n\n{fileName}: {errors.Count} fout(en)\n" +
            Runs.Capped.Join("\n", errors.Select(e => "fout " + e)));

    /// <summary>The same indicator warning in <paramref name="runs"/> gold runs in a row; once per streak (the text names its first run).</summary>
    public static OperatorAlert PersistingWarning(string indicator, string warning, int runs, string firstRun, DateTimeOffset firstSeen) =>
        new(IndicatorOntbreekt, $"Indicator {indicator}: waarschuwing in {runs} runs achter elkaar",
            $"De gold-stap gaf in {runs} opeenvolgende runs dezelfde waarschuwing, voor het eerst in run {firstRun} " +
            $"({Day(firstSeen)}): {warning} " +
            "Controleer de codes in de configuratie (docs/sources.md, CBS) tegen de codelijst van de tabel. " +
            "Deze melding komt één keer per reeks; `pipeline status` en de run-manifesten tonen de stand.");

    public static OperatorAlert FreshnessUnreadable(string section, string location, string error) =>
        new(Verouderd, "Versheid van de bronnen niet te controleren",
            $"De versheidscontrole ({section}) kon de lake in {location} niet lezen: {error}");

    public static OperatorAlert SourceStale(string label, DateTimeOffset since, TimeSpan maxAge, string section, string? currentRaw) =>
        new(Verouderd, $"Bron {label} verouderd",
            $"De gegevens van {label} zijn sinds {Day(since)} niet veranderd; dat is langer dan de ingestelde " +
            $"{Days(maxAge)} ({section}:MaxAge). Huidig bestand: {currentRaw}. " +
            "Controleer of de bron nog wordt bijgewerkt en of het adres in de configuratie nog klopt.");

    public static OperatorAlert SourceFailing(string label, int failures, string firstRun, DateTimeOffset? since, string? firstError,
        string? currentRaw) =>
        new(BronMislukt, $"Bron {label} faalt {failures} keer achter elkaar",
            $"Het ophalen van {label} is bij {failures} opeenvolgende verversingen mislukt, " +
            $"voor het eerst in run {firstRun}" + (since is { } d ? $" ({Day(d)})" : "") + $": {firstError ?? "onbekende fout"}. " +
            (currentRaw is null ? "Er zijn nog geen gegevens van deze bron." : $"De vorige goede gegevens blijven in gebruik ({currentRaw}).") +
            " Deze melding komt één keer per reeks mislukte pogingen; `pipeline status` toont de stand.");

    private static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Days(TimeSpan t) => t.TotalDays >= 1 && t.TotalDays == Math.Floor(t.TotalDays)
        ? $"{t.TotalDays.ToString(CultureInfo.InvariantCulture)} dagen" : t.ToString("c", CultureInfo.InvariantCulture);
}
