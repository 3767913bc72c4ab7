using System.Text.Json;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Raw;

public enum RawStoreStatus
{
    /// <summary>New content: a raw file was written and is now current.</summary>
    Stored,
    /// <summary>Content seen before in this dataset (e.g. a revert): no new file, the pointer moved to the old one.</summary>
    Reused,
    /// <summary>Same content as the current file: nothing written.</summary>
    Unchanged,
}

public sealed record RawStoreResult(RawStoreStatus Status, LakePath Path, string Sha256, long Size);

/// <summary>
/// The content-addressed raw zone: <c>raw/{bron}/{dataset}/{yyyy-MM-dd}/{sha256}.{ext}</c> with its sidecar, then the
/// dataset's current pointer. Publish order (data, sidecar, pointer) means a pointer never names a missing file.
/// </summary>
public sealed class RawWriter(ILakeStore lake, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public ILakeStore Lake => lake;

    /// <param name="accumulate">Keep every accepted file in the pointer's <c>files</c> (uploads that add up).</param>
    public async Task<RawStoreResult> StoreAsync(StagingFile staged, RawSidecar sidecar, bool accumulate = false, CancellationToken ct = default)
    {
        await staged.CompleteAsync(ct);
        var (bron, dataset, ext, sha) = (sidecar.Bron, sidecar.Dataset, sidecar.Extension, staged.Sha256);
        var current = await CurrentPointer.ReadAsync(lake, bron, dataset, ct);

        if (current is not null && (current.Sha256 == sha || (accumulate && current.Files.Any(f => f.Contains(sha, StringComparison.Ordinal)))))
            return new RawStoreResult(RawStoreStatus.Unchanged, LakePath.Parse(current.Path), sha, staged.Length);

        var earlier = await FindExistingAsync(bron, dataset, $"{sha}.{ext}", ct);
        var path = earlier ?? LakePath.Parse($"{LakeZones.Raw}/{bron}/{dataset}/{_clock.GetUtcNow():yyyy-MM-dd}/{sha}.{ext}");
        var sidecarPath = LakePath.Parse(path.Value + ".json");

        if (earlier is null)
        {
            await using var content = staged.OpenRead();
            await lake.WriteAsync(path, content, ct);
        }
        // The sidecar is write-once too: only the first retrieval of this content describes it.
        if (!await lake.ExistsAsync(sidecarPath, ct))
        {
            var full = sidecar with { Sha256 = sha, Size = staged.Length };
            await using var ms = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(full, RawSidecar.Json));
            await lake.WriteAsync(sidecarPath, ms, ct);
        }

        var files = accumulate && current is not null ? [.. current.Files, path.Value] : new List<string> { path.Value };
        await new CurrentPointer
        {
            Bron = bron, Dataset = dataset, Path = path.Value, Sha256 = sha, Sidecar = sidecarPath.Value,
            UpdatedAt = _clock.GetUtcNow(), Files = files,
        }.WriteAsync(lake, ct);

        return new RawStoreResult(earlier is null ? RawStoreStatus.Stored : RawStoreStatus.Reused, path, sha, staged.Length);
    }

    private async Task<LakePath?> FindExistingAsync(string bron, string dataset, string fileName, CancellationToken ct)
    {
        await foreach (var e in lake.ListAsync($"{LakeZones.Raw}/{bron}/{dataset}/", ct))
            if (e.Path.FileName == fileName) return e.Path;
        return null;
    }

    public static async Task<RawSidecar?> ReadSidecarAsync(ILakeStore lake, LakePath sidecar, CancellationToken ct = default)
    {
        await using var s = await lake.OpenReadAsync(sidecar, ct);
        return await JsonSerializer.DeserializeAsync<RawSidecar>(s, RawSidecar.Json, ct);
    }
}
