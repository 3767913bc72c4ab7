using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Core.Alerts;

public static class Ernst
{
    public const string Waarschuwing = "waarschuwing";
    public const string Kritiek = "kritiek";
}

/// <summary>One trajectory alert: a row of <c>gold/alerts</c> and, when new or changed, a message on each channel.</summary>
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
    DateOnly? BronOpgehaald,
    string Titel,
    string Tekst)
{
    /// <summary>What "the same alert" means for delivery: one per institution, indicator and year.</summary>
    public string Key => DeliveryKey(Instellingscode, Indicator, Jaar);

    public static string DeliveryKey(string instellingscode, string indicator, int jaar) => $"{instellingscode}|{indicator}|{jaar}";

    /// <summary>Deterministic: the same institution, indicator, year and status always give the same id.</summary>
    public static string IdFor(string instellingscode, string indicator, int jaar, string status) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{instellingscode}|{indicator}|{jaar}|{status}")))[..16];

    public AlertMessage ToMessage() => new(AlertId, Key, Status, Ernst, Titel, Tekst,
    [
        new("Instelling", $"{Instellingsnaam} ({Instellingscode})"),
        new("Indicator", IndicatorNaam),
        new("Jaar", Jaar.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Status", Status),
        new("Ernst", Ernst),
        new("Alert-id", AlertId),
    ]);
}

/// <summary>An alert for the people who run the pipeline (quarantined file, failed source, invalid ambitions file).</summary>
public sealed record OperatorAlert(string Soort, string Onderwerp, string Tekst)
{
    public const string Quarantaine = "quarantaine";
    public const string BronMislukt = "bron_mislukt";
    public const string AmbitiesOngeldig = "ambities_ongeldig";

    /// <summary>Deterministic from kind, subject and text: the same problem is reported once, a new one again.</summary>
    public string Id => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Soort}|{Onderwerp}|{Tekst}")))[..16];

    /// <summary>The message, its subject and text capped (<see cref="Runs.Capped"/>): they may quote a file's errors.</summary>
    public AlertMessage ToMessage() => new(Id, "operator|" + Id, Soort, Ernst.Kritiek,
        Runs.Capped.Text($"Pipeline-melding ({Soort}): {Onderwerp}", 300), Runs.Capped.Text(Tekst, 4 * Runs.Capped.MaxChars), [new("Soort", Soort), new("Onderwerp", Onderwerp), new("Melding-id", Id)]);
}

public sealed record AlertFact(string Title, string Value);

/// <summary>What a channel sends: channel-neutral, serialisable into the outbox.</summary>
public sealed record AlertMessage(
    string Id, string Key, string Status, string Ernst, string Titel, string Tekst, IReadOnlyList<AlertFact> Facts);
