using System.Security.Cryptography;
using System.Text.Json;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Report;

/// <summary>
/// <c>_state/report/published.json</c>: what the report in <c>reports/</c> was rendered from, as a fingerprint of its
/// <see cref="ReportData"/> without the time of rendering, and the pages written. When the next run's data has the
/// same fingerprint and the pages are still there, the report would differ only in "Rapport gemaakt op": it is kept,
/// and that line keeps saying when this content was made.
/// </summary>
public sealed record PublishedReport
{
    public static readonly LakePath StatePath = LakePath.Parse($"{LakeZones.State}/report/published.json");
    // Tuples (the provisional years) are fields.
    private static readonly JsonSerializerOptions DataJson = new() { IncludeFields = true };

    public required string Fingerprint { get; init; }
    public required DateTimeOffset Rendered { get; init; }
    public IReadOnlyList<string> Pages { get; init; } = [];

    /// <summary>Everything the pages show except the moment they were rendered.</summary>
    public static string FingerprintOf(ReportData data)
    {
        // Hashed as it is serialised: the data's JSON is never held whole (it grows with the institutions).
        using var sha = SHA256.Create();
        using (var hashing = new CryptoStream(Stream.Null, sha, CryptoStreamMode.Write))
            JsonSerializer.Serialize(hashing, data with { GeneratedAt = default }, DataJson);
        return Convert.ToHexStringLower(sha.Hash!);
    }

    public static Task<PublishedReport?> ReadAsync(ILakeStore lake, CancellationToken ct) =>
        lake.ReadJsonAsync<PublishedReport>(StatePath, LakeJson.SnakeCase, ct);

    public Task WriteAsync(ILakeStore lake, CancellationToken ct) => lake.WriteJsonAsync(StatePath, this, LakeJson.SnakeCase, ct);

    /// <summary>True when every page is still in <c>reports/</c> (one listing).</summary>
    public Task<bool> PagesPresentAsync(ILakeStore lake, CancellationToken ct) => lake.ContainsAllAsync($"{LakeZones.Reports}/", Pages, ct);
}
