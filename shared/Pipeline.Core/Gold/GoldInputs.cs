using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pipeline.Core.Datasets;
using Pipeline.Core.Lake;
using Pipeline.Core.Raw;

namespace Pipeline.Core.Gold;

/// <summary>
/// A fingerprint of everything gold is a pure function of: the silver files (listed, not read), the ambitions in force
/// and the one offered, the gold options, and <see cref="FormulaVersion"/>. Equal fingerprints mean equal gold tables,
/// so a refresh whose fingerprint matches the last computation's (<see cref="GoldComputation"/>) need not recompute.
/// </summary>
public static class GoldInputs
{
    /// <summary>Bump when a formula, a trajectory rule or a gold column changes: the next run then recomputes.</summary>
    public const int FormulaVersion = 1;

    public static async Task<string> FingerprintAsync(ILakeStore lake, GoldOptions options, AmbitionsInput? offered, CancellationToken ct)
    {
        var text = new StringBuilder();
        text.Append("formulas ").Append(FormulaVersion).Append('\n');
        text.Append("options ").Append(JsonSerializer.Serialize(new { Cbs = CbsSelections(options), options.WarningRuns })).Append('\n');
        // Every silver table, not only those gold reads: one listing, and a change elsewhere only costs a recomputation.
        await foreach (var e in lake.ListAsync($"{LakeZones.Silver}/", ct))
        {
            var path = e.Path.Value;
            var rejectsOrState = path.StartsWith($"{LakeZones.Silver}/_", StringComparison.Ordinal);
            if (!path.EndsWith(".parquet", StringComparison.Ordinal) || rejectsOrState) continue;
            var version = e.ETag ?? e.LastModified.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
            text.Append("silver ").Append(path).Append(' ').Append(e.Length).Append(' ').Append(version).Append('\n');
        }
        text.Append("ambitions offered ").Append(offered?.Sha256).Append('\n');
        text.Append("ambitions current ").Append(await AmbitionsPointerAsync(lake, ct)).Append('\n');
        text.Append("ambitions in force ").Append(await HashOfAsync(lake, AmbitionsStore.CurrentJson, ct)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The CBS rows per table as the calculator will use them: the configured ones over the declared ones.</summary>
    private static SortedDictionary<string, CbsRowSelection> CbsSelections(GoldOptions options)
    {
        var result = new SortedDictionary<string, CbsRowSelection>(StringComparer.Ordinal);
        foreach (var d in DatasetCatalog.OfBron("cbs"))
            if ((options.CbsRows?.GetValueOrDefault(d.Dataset) ?? d.CbsRows) is { } s) result[d.Dataset] = s;
        return result;
    }

    /// <summary>The file the ambitions pointer names; without a pointer, the last raw ambitions file (its name holds its sha256).</summary>
    private static async Task<string?> AmbitionsPointerAsync(ILakeStore lake, CancellationToken ct)
    {
        if (await CurrentPointer.ReadAsync(lake, AmbitionsStore.Bron, AmbitionsStore.Dataset, ct) is { } pointer) return pointer.Sha256;
        string? last = null;
        await foreach (var e in lake.ListAsync($"{LakeZones.Raw}/{AmbitionsStore.Bron}/{AmbitionsStore.Dataset}/", ct))
            if (e.Path.Value.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) last = e.Path.Value;
        return last;
    }

    private static async Task<string?> HashOfAsync(ILakeStore lake, LakePath path, CancellationToken ct)
    {
        if (!await lake.ExistsAsync(path, ct)) return null;
        await using var s = await lake.OpenReadAsync(path, ct);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(s, ct));
    }
}
