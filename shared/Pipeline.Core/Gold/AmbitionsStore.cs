using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Gold;

/// <summary>An ambitions file offered to the gold stage: <c>--ambitions FILE</c> or the newest raw upload.</summary>
public sealed record AmbitionsInput(string Name, byte[] Content)
{
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Content));
}

/// <summary>
/// The ambitions in force live in <c>_state/ambities/current.csv</c> (+ <c>current.json</c> saying where they came
/// from). A new file replaces them only when it validates; a rejected file goes to <c>quarantine/ambities/</c> with a
/// reason file and the ambitions in force stay in force.
/// </summary>
public sealed class AmbitionsStore(ILakeStore lake, TimeProvider? clock = null)
{
    public static readonly LakePath CurrentCsv = LakePath.Parse($"{LakeZones.State}/ambities/current.csv");
    public static readonly LakePath CurrentJson = LakePath.Parse($"{LakeZones.State}/ambities/current.json");
    public const string RawPrefix = $"{LakeZones.Raw}/ambities/ambities/";
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public sealed record Outcome(
        IReadOnlyList<Ambition> InForce, string? InForceSha256, AmbitionsParseResult? Candidate, LakePath? Quarantined);

    /// <summary>Validates <paramref name="explicitInput"/> or else the newest raw upload, and returns the ambitions in force.</summary>
    public async Task<Outcome> ResolveAsync(AmbitionsInput? explicitInput, IReadOnlySet<string> knownInstellingen, CancellationToken ct)
    {
        var current = await ReadCurrentMetaAsync(ct);
        var candidate = explicitInput ?? await NewestRawAsync(ct);
        AmbitionsParseResult? parsed = null;
        LakePath? quarantined = null;
        if (candidate is not null && candidate.Sha256 != current?.Sha256)
        {
            parsed = AmbitionsParser.Parse(candidate.Name, candidate.Content, knownInstellingen);
            if (parsed.IsValid)
            {
                await WriteAsync(CurrentCsv, candidate.Content, ct);
                current = new CurrentMeta(candidate.Name, candidate.Sha256, _clock.GetUtcNow(), parsed.Ambitions.Count,
                    parsed.Warnings.Select(w => w.ToString()).ToList());
                await WriteAsync(CurrentJson, JsonSerializer.SerializeToUtf8Bytes(current, new JsonSerializerOptions { WriteIndented = true }), ct);
            }
            else
            {
                var quarantine = new Quarantine(lake, _clock);
                await using var body = new MemoryStream(candidate.Content);
                quarantined = await quarantine.KeepAsync(quarantine.AmbitiesPath(candidate.Sha256), new QuarantineReason
                {
                    Stage = "gold", Dataset = "ambities/ambities", Source = candidate.Name, Reason = parsed.Describe(),
                }, body, ct);
            }
        }

        if (current is null || !await lake.ExistsAsync(CurrentCsv, ct))
            return new Outcome([], null, parsed, quarantined);
        await using var s = await lake.OpenReadAsync(CurrentCsv, ct);
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms, ct);
        var inForce = AmbitionsParser.Parse(CurrentCsv.Value, ms.ToArray(), knownInstellingen);
        return new Outcome(inForce.Ambitions, current.Sha256, parsed, quarantined);
    }

    /// <summary>The ambitions in force, read only: no new file is considered; empty when none are in force.</summary>
    public async Task<IReadOnlyList<Ambition>> ReadInForceAsync(CancellationToken ct = default)
    {
        if (!await lake.ExistsAsync(CurrentCsv, ct)) return [];
        await using var s = await lake.OpenReadAsync(CurrentCsv, ct);
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms, ct);
        return AmbitionsParser.Parse(CurrentCsv.Value, ms.ToArray()).Ambitions;
    }

    private async Task<AmbitionsInput?> NewestRawAsync(CancellationToken ct)
    {
        LakeEntry? newest = null;
        await foreach (var e in lake.ListAsync(RawPrefix, ct))
        {
            if (!e.Path.Value.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) continue;
            // Names sort by fetch date (raw/ambities/ambities/yyyy-MM-dd/sha.csv); within a day the latest write wins.
            var day = e.Path.Value.Split('/')[3];
            if (newest is null || string.CompareOrdinal(day, newest.Path.Value.Split('/')[3]) > 0
                || (day == newest.Path.Value.Split('/')[3] && e.LastModified > newest.LastModified))
                newest = e;
        }
        if (newest is null) return null;
        await using var s = await lake.OpenReadAsync(newest.Path, ct);
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms, ct);
        return new AmbitionsInput(newest.Path.Value, ms.ToArray());
    }

    private async Task<CurrentMeta?> ReadCurrentMetaAsync(CancellationToken ct)
    {
        if (!await lake.ExistsAsync(CurrentJson, ct)) return null;
        await using var s = await lake.OpenReadAsync(CurrentJson, ct);
        return await JsonSerializer.DeserializeAsync<CurrentMeta>(s, cancellationToken: ct);
    }

    private async Task WriteAsync(LakePath path, byte[] bytes, CancellationToken ct)
    {
        using var ms = new MemoryStream(bytes);
        await lake.WriteAsync(path, ms, ct);
    }

    private sealed record CurrentMeta(string Source, string Sha256, DateTimeOffset Accepted, int Count, IReadOnlyList<string> Warnings);
}
