using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Pipeline.Core.Alerts;

public static class Ernst
{
    public const string Waarschuwing = "waarschuwing";
    public const string Kritiek = "kritiek";

    /// <summary>Sort key: kritiek first.</summary>
    public static int Rank(string ernst) => ernst == Kritiek ? 0 : 1;
}

/// <summary>
/// One trajectory alert: a row of <c>gold/alerts</c> and, when new or changed, an entry of the run's digest. Only the
/// newest measurement year of an institution and indicator raises one; older years are history (the report).
/// </summary>
public sealed record Alert(
    string AlertId,
    string Instellingscode,
    string Instellingsnaam,
    string Indicator,
    string IndicatorNaam,
    int Jaar,
    string Status,
    string Ernst,
    double? Waarde,
    double VerwachteWaarde,
    double Streefwaarde2027,
    double? Achterstand,
    double Tolerantie,
    string Bron,
    string? BronOpgehaald,
    string Titel,
    string Tekst,
    string Samenvatting)
{
    /// <summary>What "the same alert" means for delivery: one per institution and indicator (its newest year).</summary>
    public string Key => DeliveryKey(Instellingscode, Indicator);

    public static string DeliveryKey(string instellingscode, string indicator) => $"{instellingscode}|{indicator}";

    /// <summary>Deterministic: the same institution, indicator, year and status always give the same id.</summary>
    public static string IdFor(string instellingscode, string indicator, int jaar, string status) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{instellingscode}|{indicator}|{jaar}|{status}")))[..16];
}

/// <summary>
/// A notice for the people who run the pipeline (quarantined file, failed or stale source, invalid ambitions file,
/// persisting warning). Worded by <see cref="AlertTexts"/>.
/// </summary>
public sealed record OperatorAlert(string Soort, string Onderwerp, string Tekst)
{
    /// <summary>Deterministic from kind, subject and text: the same problem is reported once, a new one again.</summary>
    [JsonIgnore]
    public string Id => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Soort}|{Onderwerp}|{Tekst}")))[..16];

    /// <summary>The delivery key: operator notices are remembered by id.</summary>
    [JsonIgnore]
    public string Key => "operator|" + Id;

    /// <summary>Subject and text capped (<see cref="Runs.Capped"/>): they may quote a file's errors.</summary>
    public OperatorAlert Capped() =>
        new(Soort, Runs.Capped.Text(Onderwerp, 300), Runs.Capped.Text(Tekst, 4 * Runs.Capped.MaxChars));
}
