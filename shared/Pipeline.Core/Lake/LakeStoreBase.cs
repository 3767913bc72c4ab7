using System.Security.Cryptography;

namespace Pipeline.Core.Lake;

/// <summary>
/// The rules every backend shares (raw immutability, no deletes in raw), so that backends only implement
/// storage primitives: an atomic create-or-replace and an atomic create-if-absent.
/// </summary>
public abstract class LakeStoreBase : ILakeStore
{
    public abstract string Location { get; }

    public async Task WriteAsync(LakePath path, Stream content, CancellationToken ct = default)
    {
        if (!path.IsRaw)
        {
            await PublishAsync(path, content, overwrite: true, ct);
            return;
        }

        // Raw: the first writer wins; a second write must carry the very same bytes.
        var tmp = await BufferIfUnseekableAsync(content, ct);
        try
        {
            var start = tmp.Position;
            if (await PublishAsync(path, tmp, overwrite: false, ct))
                return;
            tmp.Position = start;
            var incoming = await SHA256.HashDataAsync(tmp, ct);
            await using var existing = await OpenReadAsync(path, ct);
            var current = await SHA256.HashDataAsync(existing, ct);
            if (!incoming.AsSpan().SequenceEqual(current))
                throw new RawImmutableException(Location, path, "it exists already with different content");
        }
        finally
        {
            if (!ReferenceEquals(tmp, content)) await tmp.DisposeAsync();
        }
    }

    public Task DeleteAsync(LakePath path, CancellationToken ct = default)
    {
        if (path.IsRaw) throw new RawImmutableException(Location, path, "raw files are never deleted");
        return DeleteCoreAsync(path, ct);
    }

    public async Task<ILakeLock> AcquireLockAsync(string name, TimeSpan wait, CancellationToken ct = default)
    {
        var path = LakePath.Parse($"{LakeZones.State}/locks/{name}.lock");
        var deadline = DateTime.UtcNow + wait;
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            if (await TryLockAsync(path, ct) is { } held) return held;
            if (DateTime.UtcNow >= deadline)
                throw new LakeLockTimeoutException(name, Location, wait);
            await Task.Delay(delay, ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }
    }

    /// <summary>Takes the lock at <paramref name="path"/> if it is free; null when another holder has it.</summary>
    protected abstract Task<ILakeLock?> TryLockAsync(LakePath path, CancellationToken ct);

    public abstract Task<Stream> OpenReadAsync(LakePath path, CancellationToken ct = default);
    public abstract Task<bool> ExistsAsync(LakePath path, CancellationToken ct = default);
    public abstract IAsyncEnumerable<LakeEntry> ListAsync(string prefix, CancellationToken ct = default);

    /// <summary>Atomically publishes; with <paramref name="overwrite"/> false returns false (writing nothing) when the name exists.</summary>
    protected abstract Task<bool> PublishAsync(LakePath path, Stream content, bool overwrite, CancellationToken ct);

    protected abstract Task DeleteCoreAsync(LakePath path, CancellationToken ct);

    /// <summary>Raw writes may need to re-read the bytes for comparison; spool non-seekable input to a temp file, not memory.</summary>
    private static async Task<Stream> BufferIfUnseekableAsync(Stream content, CancellationToken ct)
    {
        if (content.CanSeek) return content;
        var spool = new FileStream(Raw.StagingFolder.NewFile("spool"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await content.CopyToAsync(spool, ct);
        spool.Position = 0;
        return spool;
    }
}
