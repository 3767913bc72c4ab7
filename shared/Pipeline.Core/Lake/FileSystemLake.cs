using System.Runtime.CompilerServices;

namespace Pipeline.Core.Lake;

/// <summary>
/// The embedded default: a lake in a local directory. Writes go to a temp file under <c>.tmp/</c> in the same
/// file system and are renamed into place, so readers (and DuckDB globs) only ever see complete files.
/// </summary>
public sealed class FileSystemLake : LakeStoreBase
{
    private const string TempFolder = ".tmp";
    private readonly string _root;

    public FileSystemLake(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(_root, TempFolder));
    }

    public override string Location => _root;

    /// <summary>Where a lake name lives on disk (for analysts' tools and DuckDB globs).</summary>
    public string FullPath(LakePath path) => Path.Combine(_root, path.Value.Replace('/', Path.DirectorySeparatorChar));

    public override Task<Stream> OpenReadAsync(LakePath path, CancellationToken ct = default)
    {
        try
        {
            Stream s = new FileStream(FullPath(path), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, true);
            return Task.FromResult(s);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new LakeFileNotFoundException(Location, path);
        }
    }

    public override Task<bool> ExistsAsync(LakePath path, CancellationToken ct = default) =>
        Task.FromResult(File.Exists(FullPath(path)));

    public override async IAsyncEnumerable<LakeEntry> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var slash = prefix.LastIndexOf('/');
        var folder = slash < 0 ? _root : Path.Combine(_root, prefix[..slash].Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(folder)) yield break;

        var names = new List<(string Name, FileInfo Info)>();
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(_root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (name.StartsWith(TempFolder + "/", StringComparison.Ordinal)) continue;
            if (name.StartsWith(prefix, StringComparison.Ordinal)) names.Add((name, file));
        }
        names.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var (name, info) in names)
        {
            ct.ThrowIfCancellationRequested();
            if (LakePath.TryParse(name, out var p))
                yield return new LakeEntry(p, info.Length, info.LastWriteTimeUtc);
        }
        await Task.CompletedTask;
    }

    protected override async Task<bool> PublishAsync(LakePath path, Stream content, bool overwrite, CancellationToken ct)
    {
        var target = FullPath(path);
        if (!overwrite && File.Exists(target)) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = Path.Combine(_root, TempFolder, Guid.NewGuid().ToString("N"));
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, true))
            {
                await content.CopyToAsync(output, ct);
                await output.FlushAsync(ct);
                output.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temp, target, overwrite);
            }
            catch (IOException) when (!overwrite && File.Exists(target))
            {
                return false; // lost a race with another writer of the same raw name
            }
            return true;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>An exclusive open of a lock file: the OS releases it when the holder closes it or dies.</summary>
    protected override Task<ILakeLock?> TryLockAsync(LakePath path, CancellationToken ct)
    {
        var file = FullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        try
        {
            return Task.FromResult<ILakeLock?>(new HeldFile(new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), ct));
        }
        catch (IOException)
        {
            return Task.FromResult<ILakeLock?>(null);
        }
    }

    /// <summary>An open lock file cannot be lost while this process lives: the token is the caller's.</summary>
    private sealed class HeldFile(FileStream file, CancellationToken ct) : ILakeLock
    {
        public CancellationToken Token => ct;
        public ValueTask DisposeAsync() => file.DisposeAsync();
    }

    protected override Task DeleteCoreAsync(LakePath path, CancellationToken ct)
    {
        try { File.Delete(FullPath(path)); }
        catch (DirectoryNotFoundException) { /* absent: nothing to delete */ }
        return Task.CompletedTask;
    }
}
