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
        var (bron, dataset, sha) = (sidecar.Bron, sidecar.Dataset, staged.Sha256);
        var current = await CurrentPointer.ReadAsync(lake, bron, dataset, ct);

        if (current is not null && (current.Sha256 == sha || (accumulate && current.Files.Any(f => f.Contains(sha, StringComparison.Ordinal)))))
            return new RawStoreResult(RawStoreStatus.Unchanged, LakePath.Parse(current.Path), sha, staged.Length);

        var (path, sidecarPath, earlier) = await PublishAsync(staged, sidecar, ct);
        var files = accumulate && current is not null ? [.. current.Files, path.Value] : new List<string> { path.Value };
        await new CurrentPointer
        {
            Bron = bron, Dataset = dataset, Path = path.Value, Sha256 = sha, Sidecar = sidecarPath.Value,
            UpdatedAt = _clock.GetUtcNow(), Files = files,
        }.WriteAsync(lake, ct);

        return new RawStoreResult(earlier ? RawStoreStatus.Reused : RawStoreStatus.Stored, path, sha, staged.Length);
    }

    /// <summary>
    /// One resource of a multi-resource dataset: its entry in the pointer is replaced, the other resources stay as
    /// they are. Unchanged when the resource's current file has the same content.
    /// </summary>
    public async Task<RawStoreResult> StoreResourceAsync(StagingFile staged, RawSidecar sidecar, RawResource resource, CancellationToken ct = default)
    {
        await staged.CompleteAsync(ct);
        var (bron, dataset, sha) = (sidecar.Bron, sidecar.Dataset, staged.Sha256);
        var current = await CurrentPointer.ReadAsync(lake, bron, dataset, ct);
        if (current?.Resource(resource.Id) is { } entry && entry.Sha256 == sha && entry.Table == resource.Table)
        {
            if (entry.GoneSince is not null || entry.Name != resource.Name || entry.Position != resource.Position || entry.Jaar != resource.Jaar)
                await WriteResourcesAsync(current, Replace(current.Resources, entry with
                {
                    Name = resource.Name, Position = resource.Position, Jaar = resource.Jaar, GoneSince = null,
                }), ct);
            return new RawStoreResult(RawStoreStatus.Unchanged, LakePath.Parse(entry.Path), sha, staged.Length);
        }

        var (path, sidecarPath, earlier) = await PublishAsync(staged, sidecar, ct);
        var now = _clock.GetUtcNow();
        var updated = new CurrentResource
        {
            Id = resource.Id, Name = resource.Name, Position = resource.Position, Table = resource.Table, Jaar = resource.Jaar,
            Path = path.Value, Sha256 = sha, Sidecar = sidecarPath.Value, UpdatedAt = now,
        };
        var resources = current is null ? [updated] : Replace(current.Resources, updated);
        await WriteResourcesAsync(current ?? new CurrentPointer
        {
            Bron = bron, Dataset = dataset, Path = path.Value, Sha256 = sha, Sidecar = sidecarPath.Value,
        }, resources, ct, changed: updated);
        return new RawStoreResult(earlier ? RawStoreStatus.Reused : RawStoreStatus.Stored, path, sha, staged.Length);
    }

    /// <summary>
    /// After a package was read: resources no longer selected although still listed are dropped (the rule decides);
    /// resources missing from the listing stay current with <c>gone_since</c> set and are returned, so the run can
    /// warn about them. <paramref name="keep"/> names resources to leave alone (their table's selection failed).
    /// </summary>
    public async Task<IReadOnlyList<CurrentResource>> ReconcileResourcesAsync(string bron, string dataset, IReadOnlySet<string> listed,
        IReadOnlySet<string> selected, Func<CurrentResource, bool> keep, CancellationToken ct = default)
    {
        var current = await CurrentPointer.ReadAsync(lake, bron, dataset, ct);
        if (current is null || current.Resources.Count == 0) return [];
        var now = _clock.GetUtcNow();
        var next = new List<CurrentResource>();
        var gone = new List<CurrentResource>();
        foreach (var r in current.Resources)
        {
            if (selected.Contains(r.Id) || keep(r)) next.Add(r);
            else if (!listed.Contains(r.Id))
            {
                var g = r with { GoneSince = r.GoneSince ?? now };
                next.Add(g);
                gone.Add(g);
            }
        }
        if (!next.SequenceEqual(current.Resources)) await WriteResourcesAsync(current, next, ct);
        return gone;
    }

    private static List<CurrentResource> Replace(IReadOnlyList<CurrentResource> resources, CurrentResource updated) =>
        [.. resources.Where(r => r.Id != updated.Id), updated];

    private async Task WriteResourcesAsync(CurrentPointer pointer, List<CurrentResource> resources, CancellationToken ct, CurrentResource? changed = null)
    {
        var ordered = resources.OrderBy(r => r.Table, StringComparer.Ordinal).ThenBy(r => r.Jaar).ThenBy(r => r.Position).ToList();
        await (pointer with
        {
            Path = changed?.Path ?? pointer.Path, Sha256 = changed?.Sha256 ?? pointer.Sha256, Sidecar = changed?.Sidecar ?? pointer.Sidecar,
            UpdatedAt = changed is null ? pointer.UpdatedAt : changed.UpdatedAt,
            Resources = ordered, Files = ordered.Select(r => r.Path).Distinct().ToList(),
        }).WriteAsync(lake, ct);
    }

    /// <summary>Data (unless this content is already in the dataset's folder), then the write-once sidecar.</summary>
    private async Task<(LakePath Path, LakePath Sidecar, bool Earlier)> PublishAsync(StagingFile staged, RawSidecar sidecar, CancellationToken ct)
    {
        var (bron, dataset, ext, sha) = (sidecar.Bron, sidecar.Dataset, sidecar.Extension, staged.Sha256);
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
            try
            {
                await lake.WriteAsync(sidecarPath, ms, ct);
            }
            catch (RawImmutableException)
            {
                // A concurrent run (bronze runs outside the publish lock) stored the same content a moment earlier:
                // its sidecar describes the first retrieval, which is what a write-once sidecar means.
            }
        }
        return (path, sidecarPath, earlier is not null);
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
