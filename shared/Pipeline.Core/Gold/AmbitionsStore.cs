using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pipeline.Core.Lake;
using Pipeline.Core.Raw;

namespace Pipeline.Core.Gold;

/// <summary>An ambitions file offered to the gold stage: the dataset's current raw file, or one given to gold directly.</summary>
public sealed record AmbitionsInput(string Name, byte[] Content)
{
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Content));
}

/// <summary>
/// The ambitions in force are those of the ambitions dataset's current pointer (<c>_state/raw/ambities/ambities/current.json</c>):
/// the upload accepted last, or an earlier one uploaded again. <c>_state/ambities/current.csv</c> (+ <c>current.json</c>)
/// is the last file that validated, kept so that a pointer naming a file that no longer validates (rules tightened
/// since) leaves the previous ambitions in force. Such a file goes to <c>quarantine/ambities/{sha256}.csv</c> once,
/// with a reason file, and is reported once.
/// </summary>
public sealed class AmbitionsStore(ILakeStore lake, TimeProvider? clock = null)
{
    public static readonly LakePath CurrentCsv = LakePath.Parse($"{LakeZones.State}/ambities/current.csv");
    public static readonly LakePath CurrentJson = LakePath.Parse($"{LakeZones.State}/ambities/current.json");
    public const string Bron = "ambities";
    public const string Dataset = "ambities";
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <param name="AlreadyReported">The candidate was refused before (its quarantine file existed): not news.</param>
    public sealed record Outcome(
        IReadOnlyList<Ambition> InForce, string? InForceSha256, AmbitionsParseResult? Candidate, LakePath? Quarantined,
        bool AlreadyReported = false);

    /// <summary>Validates <paramref name="explicitInput"/>, or else the pointer's file when it changed, and returns the ambitions in force.</summary>
    public async Task<Outcome> ResolveAsync(AmbitionsInput? explicitInput, IReadOnlySet<string> knownInstellingen, CancellationToken ct)
    {
        var current = await ReadCurrentMetaAsync(ct);
        var candidate = explicitInput ?? await PointerFileAsync(current?.Sha256, ct);
        AmbitionsParseResult? parsed = null;
        LakePath? quarantined = null;
        var reported = false;
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
                quarantined = Quarantine.AmbitiesPath(candidate.Sha256);
                reported = await lake.ExistsAsync(quarantined.Value, ct);
                if (!reported)
                {
                    await using var body = new MemoryStream(candidate.Content);
                    await new Quarantine(lake, _clock).KeepAsync(quarantined.Value, new QuarantineReason
                    {
                        Stage = "gold", Dataset = $"{Bron}/{Dataset}", Source = candidate.Name, Reason = parsed.Describe(),
                    }, body, ct);
                }
            }
        }

        if (current is null || !await lake.ExistsAsync(CurrentCsv, ct))
            return new Outcome([], null, parsed, quarantined, reported);
        await using var s = await lake.OpenReadAsync(CurrentCsv, ct);
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms, ct);
        var inForce = AmbitionsParser.Parse(CurrentCsv.Value, ms.ToArray(), knownInstellingen);
        return new Outcome(inForce.Ambitions, current.Sha256, parsed, quarantined, reported);
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

    /// <summary>The file the dataset's pointer names, unless it is the one already in force (then it is not read).</summary>
    private async Task<AmbitionsInput?> PointerFileAsync(string? inForceSha256, CancellationToken ct)
    {
        var pointer = await CurrentPointer.ReadAsync(lake, Bron, Dataset, ct);
        // A lake whose raw files were put there by hand has no pointer: the last file by name (date folder) stands in.
        var named = pointer?.Path ?? await LastRawAsync(ct);
        if (named is null || (pointer is not null && pointer.Sha256 == inForceSha256)) return null;
        var path = LakePath.Parse(named);
        await using var s = await lake.OpenReadAsync(path, ct);
        if (s.CanSeek && s.Length > AmbitionsParser.MaxBytes)
            return new AmbitionsInput(path.Value, System.Text.Encoding.UTF8.GetBytes("(larger than an ambitions file can be)"));
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms, ct);
        return new AmbitionsInput(path.Value, ms.ToArray());
    }

    private async Task<string?> LastRawAsync(CancellationToken ct)
    {
        string? last = null;
        await foreach (var e in lake.ListAsync($"{LakeZones.Raw}/{Bron}/{Dataset}/", ct))
            if (e.Path.Value.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) last = e.Path.Value;
        return last;
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
