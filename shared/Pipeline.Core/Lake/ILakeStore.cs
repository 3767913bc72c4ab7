namespace Pipeline.Core.Lake;

/// <summary>One file in the lake as a listing shows it; <paramref name="ETag"/> where the backend has one (Blob).</summary>
public sealed record LakeEntry(LakePath Path, long Length, DateTimeOffset LastModified, string? ETag = null);

/// <summary>
/// The lake: a tree of immutable-once-published files. Contract (proved for every backend by the same tests):
/// a reader never sees a half-written file; a name under <c>raw/</c> can be written once (the same bytes again is a
/// no-op, different bytes an error); names are validated by <see cref="LakePath"/>.
/// </summary>
public interface ILakeStore
{
    /// <summary>Human-readable location, for logs and error messages.</summary>
    string Location { get; }

    /// <summary>Publishes <paramref name="content"/> under <paramref name="path"/>, atomically.</summary>
    Task WriteAsync(LakePath path, Stream content, CancellationToken ct = default);

    /// <summary>Opens a published file; throws <see cref="LakeFileNotFoundException"/> when absent.</summary>
    Task<Stream> OpenReadAsync(LakePath path, CancellationToken ct = default);

    Task<bool> ExistsAsync(LakePath path, CancellationToken ct = default);

    /// <summary>Published files whose name starts with <paramref name="prefix"/> (a folder or a partial name), in name order.</summary>
    IAsyncEnumerable<LakeEntry> ListAsync(string prefix, CancellationToken ct = default);

    /// <summary>Removes a file (not allowed under <c>raw/</c>); absent files are ignored.</summary>
    Task DeleteAsync(LakePath path, CancellationToken ct = default);

    /// <summary>
    /// An exclusive lock shared by every process using this lake (two hosts, the timer and a blob trigger), held until
    /// disposed. Waits up to <paramref name="wait"/>, then throws <see cref="LakeLockTimeoutException"/>. Work under the lock
    /// uses <see cref="ILakeLock.Token"/>, which a lost lock cancels.
    /// </summary>
    Task<ILakeLock> AcquireLockAsync(string name, TimeSpan wait, CancellationToken ct = default);
}

public sealed class LakeFileNotFoundException(string location, LakePath path)
    : FileNotFoundException($"No file '{path}' in the lake at {location}.")
{
    public LakePath LakePath { get; } = path;
}

public sealed class RawImmutableException(string location, LakePath path, string reason)
    : InvalidOperationException($"Raw file '{path}' in the lake at {location} is immutable: {reason}.")
{
    public LakePath LakePath { get; } = path;
}
