using System.Text.Json;
using Pipeline.Core.Sources.Http;

namespace Pipeline.Core.Sources.Cbs;

/// <summary>What one table download produced: the data URL, how many data pages and rows.</summary>
public sealed record CbsTableStats(string DataUrl, int Pages, long Rows);

/// <summary>
/// A CBS StatLine client that writes one table as a single raw JSON document, page by page (never a whole table in
/// memory). Implemented for OData v3 (<see cref="ODataV3Client"/>) and v4 (<see cref="ODataV4Client"/>).
/// </summary>
public interface ICbsTableClient
{
    /// <summary><c>v3</c> or <c>v4</c>; the value of <c>Sources:Cbs:Tables:{table}:Protocol</c>.</summary>
    string Protocol { get; }

    Task<CbsTableStats> WriteTableAsync(SourceRef source, string table, CbsTableOptions options, Utf8JsonWriter output, CancellationToken ct);

    /// <summary>
    /// The table's version as the source states it, asked conditionally with <paramref name="known"/>'s validators;
    /// null when the protocol has no such statement (the table is then always fetched).
    /// </summary>
    Task<CbsTableVersion?> ReadVersionAsync(SourceRef source, string table, ConditionalGetState? known, CancellationToken ct);
}

/// <summary>Client-side dimension filter, comparing trimmed codes (CBS pads codes such as <c>"GM0363  "</c>).</summary>
public sealed class CbsRowFilter
{
    private readonly (string Dimension, HashSet<string> Codes)[] _rules;

    public CbsRowFilter(IReadOnlyDictionary<string, string[]> filter) =>
        _rules = filter.Select(kv => (kv.Key, kv.Value.Select(c => c.Trim()).ToHashSet(StringComparer.Ordinal))).ToArray();

    public bool Accepts(JsonElement row)
    {
        foreach (var (dimension, codes) in _rules)
        {
            if (!row.TryGetProperty(dimension, out var v) || v.ValueKind != JsonValueKind.String) return false;
            if (!codes.Contains(v.GetString()!.Trim())) return false;
        }
        return true;
    }
}
