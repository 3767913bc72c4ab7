using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using System.Collections.Concurrent;

namespace Pipeline.Core.Lake;

/// <summary>
/// The lake on Azure Blob Storage (ADLS Gen2 in production, Azurite locally). Each zone is a container
/// (<c>raw</c>, <c>silver</c>, <c>gold</c>, …; <c>_runs</c> becomes <c>runs</c> because container names cannot start
/// with '_'), optionally prefixed so that several lakes can share one account. A block blob becomes visible only when
/// its block list is committed, so readers never see a half-written file; create-if-absent uses If-None-Match: *.
/// </summary>
public sealed class BlobLake : LakeStoreBase, IStrayFiles
{
    private readonly BlobServiceClient _service;
    private readonly string _containerPrefix;
    private readonly ConcurrentDictionary<string, Lazy<Task<BlobContainerClient>>> _containers = new();

    public BlobLake(BlobServiceClient service, string containerPrefix = "")
    {
        _service = service;
        _containerPrefix = containerPrefix;
    }

    /// <summary>Azurite 3.37 rejects service versions newer than it knows; pin one it accepts.</summary>
    public static BlobClientOptions ClientOptions() => new(BlobClientOptions.ServiceVersion.V2026_06_06);

    public override string Location => $"{_service.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/')} (containers '{_containerPrefix}<zone>')";

    public string ContainerName(string zone) => ContainerName(_containerPrefix, zone);

    /// <summary>The container of a zone: the prefix, then the zone without a leading '_' (not allowed in container names).</summary>
    public static string ContainerName(string prefix, string zone) => prefix + zone.TrimStart('_').ToLowerInvariant();

    public override async Task<Stream> OpenReadAsync(LakePath path, CancellationToken ct = default)
    {
        var blob = (await ContainerAsync(path.Zone, ct)).GetBlobClient(path.WithinZone);
        try
        {
            return await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new LakeFileNotFoundException(Location, path);
        }
    }

    public override async Task<bool> ExistsAsync(LakePath path, CancellationToken ct = default) =>
        path.WithinZone.Length > 0 && (await (await ContainerAsync(path.Zone, ct)).GetBlobClient(path.WithinZone).ExistsAsync(ct)).Value;

    public override async IAsyncEnumerable<LakeEntry> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var slash = prefix.IndexOf('/');
        var zones = slash < 0
            ? LakeZones.All.Where(z => z.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
            : [prefix[..slash]];
        foreach (var zone in zones)
        {
            var within = slash < 0 ? "" : prefix[(slash + 1)..];
            var container = await ContainerAsync(zone, ct);
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = within }, ct))
            {
                if (LakePath.TryParse(zone + "/" + item.Name, out var p))
                    yield return new LakeEntry(p, item.Properties.ContentLength ?? 0, item.Properties.LastModified ?? default, item.Properties.ETag?.ToString());
            }
        }
    }

    /// <summary>Blobs under the prefix whose names <see cref="LakePath"/> refuses (a blob is always a regular file).</summary>
    public async IAsyncEnumerable<Stray> ListStraysAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var slash = prefix.IndexOf('/');
        if (slash < 0) yield break;
        var zone = prefix[..slash];
        var container = await ContainerAsync(zone, ct);
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix[(slash + 1)..] }, ct))
        {
            var name = zone + "/" + item.Name;
            if (LakePath.TryParse(name, out _)) continue;
            string reason;
            try { LakePath.Parse(name); reason = "invalid name"; }
            catch (InvalidLakePathException e) { reason = e.Reason; }
            yield return new Stray(name, FileKind.Regular, $"its name cannot be stored in the lake: {reason}");
        }
    }

    public async Task<Stream> OpenStrayAsync(Stray stray, CancellationToken ct = default) =>
        await (await StrayBlobAsync(stray, ct)).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), ct);

    public async Task RemoveStrayAsync(Stray stray, CancellationToken ct = default)
    {
        if (!stray.Name.StartsWith(LakeZones.Landing + "/", StringComparison.Ordinal))
            throw new InvalidOperationException($"Only strays under {LakeZones.Landing}/ are removed, not '{stray.Name}'.");
        await (await StrayBlobAsync(stray, ct)).DeleteIfExistsAsync(cancellationToken: ct);
    }

    private async Task<BlobClient> StrayBlobAsync(Stray stray, CancellationToken ct)
    {
        var slash = stray.Name.IndexOf('/');
        return (await ContainerAsync(stray.Name[..slash], ct)).GetBlobClient(stray.Name[(slash + 1)..]);
    }

    /// <summary>Creates every zone's container, so blob triggers have something to watch from the first minute.</summary>
    public async Task EnsureZonesAsync(CancellationToken ct = default)
    {
        foreach (var zone in LakeZones.All) await ContainerAsync(zone, ct);
    }

    protected override async Task<bool> PublishAsync(LakePath path, Stream content, bool overwrite, CancellationToken ct)
    {
        var blob = (await ContainerAsync(path.Zone, ct)).GetBlobClient(path.WithinZone);
        var options = new BlobUploadOptions();
        if (!overwrite) options.Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            await blob.UploadAsync(content, options, ct);
            return true;
        }
        catch (RequestFailedException e) when (!overwrite && e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>How often a held lease is renewed (a third of its 60 seconds); tests shorten it.</summary>
    public TimeSpan LeaseRenewal { get; init; } = LeaseDuration / 3;

    /// <summary>
    /// A 60-second blob lease renewed every <see cref="LeaseRenewal"/>: a holder that dies frees the lock within a
    /// minute. A renewal that fails for good (the lease was broken or taken, or it expired while renewals failed)
    /// cancels <see cref="ILakeLock.Token"/> at once, not only when the lock is released.
    /// </summary>
    protected override async Task<ILakeLock?> TryLockAsync(LakePath path, CancellationToken ct)
    {
        var blob = (await ContainerAsync(path.Zone, ct)).GetBlobClient(path.WithinZone);
        try
        {
            await blob.UploadAsync(BinaryData.FromString(""), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, ct);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412) { /* the lock blob exists already */ }
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(LeaseDuration, cancellationToken: ct);
            return new HeldLease(lease, LeaseRenewal, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);

    private sealed class HeldLease : ILakeLock
    {
        private readonly BlobLeaseClient _lease;
        private readonly TimeSpan _every;
        private readonly CancellationTokenSource _stop = new();
        private readonly CancellationTokenSource _token;
        private readonly Task _renewal;

        public HeldLease(BlobLeaseClient lease, TimeSpan every, CancellationToken ct)
        {
            _lease = lease;
            _every = every;
            _token = CancellationTokenSource.CreateLinkedTokenSource(ct);
            _renewal = RenewAsync();
        }

        public CancellationToken Token => _token.Token;

        private async Task RenewAsync()
        {
            var renewed = DateTime.UtcNow;
            try
            {
                while (true)
                {
                    await Task.Delay(_every, _stop.Token);
                    try
                    {
                        await _lease.RenewAsync(cancellationToken: _stop.Token);
                        renewed = DateTime.UtcNow;
                    }
                    catch (RequestFailedException e) when (e.Status is not (409 or 412) && DateTime.UtcNow - renewed < LeaseDuration - _every)
                    {
                        // A passing failure: the lease still runs; try again at the next tick.
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { /* released */ }
            catch (Exception)
            {
                // Lost (broken, taken by another holder, or expired while renewals failed): stop the critical section.
                await _token.CancelAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _renewal;
            try { await _lease.ReleaseAsync(); }
            catch (RequestFailedException) { /* expired or broken already: the lock is free either way */ }
            _stop.Dispose();
            // _token is not disposed: work that captured it may still look at it after the lock is released.
        }
    }

    protected override async Task DeleteCoreAsync(LakePath path, CancellationToken ct) =>
        await (await ContainerAsync(path.Zone, ct)).GetBlobClient(path.WithinZone).DeleteIfExistsAsync(cancellationToken: ct);

    /// <summary>
    /// The zone's container, created once per lake object. Only a success is cached: a lookup that failed or was
    /// cancelled is forgotten, so the next call tries again (the first caller's token does not live in the cache).
    /// </summary>
    private async Task<BlobContainerClient> ContainerAsync(string zone, CancellationToken ct)
    {
        var lazy = _containers.GetOrAdd(zone, z => new Lazy<Task<BlobContainerClient>>(() => CreateContainerAsync(z)));
        try
        {
            return await lazy.Value.WaitAsync(ct);
        }
        catch when (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            _containers.TryRemove(KeyValuePair.Create(zone, lazy));
            throw;
        }
    }

    private async Task<BlobContainerClient> CreateContainerAsync(string zone)
    {
        var c = _service.GetBlobContainerClient(ContainerName(zone));
        try
        {
            // Not the caller's token: a cancelled caller must not leave a cancelled lookup behind for the others.
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await c.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
            return c;
        }
        catch
        {
            _containers.TryRemove(zone, out _);
            throw;
        }
    }
}
