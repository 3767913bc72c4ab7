using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Pipeline.Core.Alerts;

/// <summary>
/// One line of a digest: an alert that is news (new, or its status or newest year changed), with the link to its
/// institution's page.
/// </summary>
public sealed record DigestEntry(
    string AlertId, string Key, string Instellingscode, string Instellingsnaam, string Indicator, int Jaar, string Status, string Ernst,
    string Samenvatting, string Link)
{
    public static DigestEntry From(Alert a, string link) =>
        new(a.AlertId, a.Key, a.Instellingscode, a.Instellingsnaam, a.Indicator, a.Jaar, a.Status, a.Ernst, a.Samenvatting, link);
}

/// <summary>The entries of one institution in a digest, most severe first.</summary>
public sealed record DigestGroup(string Instellingscode, string Instellingsnaam, string Link, IReadOnlyList<DigestEntry> Entries);

/// <summary>
/// What one run sends to one channel: one message whatever the number of alerts. The directie mbo channels get the
/// trajectory entries, the operators' channel the operator notices; the two audiences never share a channel, so a
/// digest holds one kind in practice, and a channel that was down gets one merged digest when it is back.
/// </summary>
public sealed record AlertDigest(DateTimeOffset Created, IReadOnlyList<DigestEntry> Entries, IReadOnlyList<OperatorAlert> Notices)
{
    /// <summary>Deterministic from what it reports: the mail header and log name it.</summary>
    [JsonIgnore]
    public string Id => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join("|", Entries.Select(e => e.AlertId).Concat(Notices.Select(n => n.Id)).Order(StringComparer.Ordinal)))))[..16];

    [JsonIgnore]
    public bool IsEmpty => Entries.Count == 0 && Notices.Count == 0;

    [JsonIgnore]
    public int Kritiek => Entries.Count(e => e.Ernst == Ernst.Kritiek);
    [JsonIgnore]
    public int Waarschuwingen => Entries.Count(e => e.Ernst == Ernst.Waarschuwing);

    [JsonIgnore]
    public string Titel
    {
        get
        {
            var parts = new List<string>();
            if (Entries.Count > 0)
                parts.Add($"Werkagenda mbo: {Entries.Count} {(Entries.Count == 1 ? "melding" : "meldingen")} over " +
                          $"{Groups.Count} {(Groups.Count == 1 ? "instelling" : "instellingen")} (kritiek {Kritiek}, waarschuwing {Waarschuwingen})");
            if (Notices is [var only] && Entries.Count == 0)
                parts.Add($"Pipeline-melding ({only.Soort}): {only.Onderwerp}");
            else if (Notices.Count > 0)
                parts.Add($"Pipeline: {Notices.Count} {(Notices.Count == 1 ? "melding" : "meldingen")} voor beheer " +
                          $"({string.Join(", ", Notices.Select(n => n.Soort).Distinct())})");
            return string.Join("; ", parts);
        }
    }

    /// <summary>Grouped by institution: those with a kritiek entry first, then by name; within one, kritiek first, then by indicator.</summary>
    [JsonIgnore]
    public IReadOnlyList<DigestGroup> Groups =>
        Entries.GroupBy(e => e.Instellingscode)
            .Select(g => new DigestGroup(g.Key, g.First().Instellingsnaam, g.First().Link,
                g.OrderBy(e => Ernst.Rank(e.Ernst)).ThenBy(e => e.Indicator, StringComparer.Ordinal).ToList()))
            .OrderBy(g => g.Entries.Min(e => Ernst.Rank(e.Ernst)))
            .ThenBy(g => g.Instellingsnaam, StringComparer.Ordinal).ThenBy(g => g.Instellingscode, StringComparer.Ordinal)
            .ToList();

    /// <summary>This undelivered digest with a newer one folded in: a newer entry for the same key replaces the older one.</summary>
    public AlertDigest Merge(AlertDigest newer)
    {
        var keys = newer.Entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var ids = Notices.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        return new AlertDigest(Created,
            Entries.Where(e => !keys.Contains(e.Key)).Concat(newer.Entries).ToList(),
            Notices.Concat(newer.Notices.Where(n => !ids.Contains(n.Id))).ToList());
    }
}
