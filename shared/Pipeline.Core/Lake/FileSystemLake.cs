using System.Runtime.CompilerServices;

namespace Pipeline.Core.Lake;

/// <summary>
/// The embedded default: a lake in a local directory. Writes go to a temp file under <c>.tmp/</c> in the same
/// file system and are renamed into place, so readers (and DuckDB globs) only ever see complete files.
/// </summary>
public sealed class FileSystemLake : LakeStoreBase, IStrayFiles
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
        var full = FullPath(path);
        var kind = FileKinds.Of(full);
        if (kind == FileKind.Missing) throw new LakeFileNotFoundException(Location, path);
        // Opening a FIFO blocks and a link leads outside the lake: only regular files are read.
        if (kind != FileKind.Regular)
            throw new IOException($"'{path}' in the lake at {Location} is {FileKinds.Describe(kind)}, not a regular file; it is not read.");
        try
        {
            Stream s = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, true);
            return Task.FromResult(s);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new LakeFileNotFoundException(Location, path);
        }
    }

    public override Task<bool> ExistsAsync(LakePath path, CancellationToken ct = default) =>
        Task.FromResult(File.Exists(FullPath(path)));

    /// <summary>Regular files with valid names only; see <see cref="ListStraysAsync"/> for the rest.</summary>
    public override async IAsyncEnumerable<LakeEntry> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var (name, full, kind) in Walk(prefix))
        {
            ct.ThrowIfCancellationRequested();
            if (kind != FileKind.Regular || !LakePath.TryParse(name, out var p)) continue;
            var info = new FileInfo(full);
            if (info.Exists) yield return new LakeEntry(p, info.Length, info.LastWriteTimeUtc);
        }
        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<Stray> ListStraysAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var (name, _, kind) in Walk(prefix))
        {
            ct.ThrowIfCancellationRequested();
            if (kind != FileKind.Regular)
                yield return new Stray(name, kind, $"it is {FileKinds.Describe(kind)}, not a regular file");
            else if (!LakePath.TryParse(name, out _))
            {
                string reason;
                try { LakePath.Parse(name); reason = "invalid name"; }
                catch (InvalidLakePathException e) { reason = e.Reason; }
                yield return new Stray(name, kind, $"its name cannot be stored in the lake: {reason}");
            }
        }
        await Task.CompletedTask;
    }

    public Task<Stream> OpenStrayAsync(Stray stray, CancellationToken ct = default)
    {
        var full = StrayPath(stray);
        var kind = FileKinds.Of(full);
        if (kind != FileKind.Regular)
            throw new IOException($"'{stray.Name}' in the lake at {Location} is {FileKinds.Describe(kind)}, not a regular file; it is not read.");
        return Task.FromResult<Stream>(new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, true));
    }

    public Task RemoveStrayAsync(Stray stray, CancellationToken ct = default)
    {
        var full = StrayPath(stray);
        if (!stray.Name.StartsWith(LakeZones.Landing + "/", StringComparison.Ordinal))
            throw new InvalidOperationException($"Only strays under {LakeZones.Landing}/ are removed, not '{stray.Name}'.");
        File.Delete(full); // unlink: a link goes, its target stays
        return Task.CompletedTask;
    }

    private string StrayPath(Stray stray)
    {
        var full = Path.GetFullPath(Path.Combine(_root, stray.Name.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException($"'{stray.Name}' is outside the lake at {Location}.");
        return full;
    }

    /// <summary>
    /// Every non-directory entry under the prefix's folder, in name order, with its kind judged without following
    /// links; a linked directory is an entry (never entered), so nothing outside the lake is listed.
    /// </summary>
    private List<(string Name, string FullPath, FileKind Kind)> Walk(string prefix)
    {
        var found = new List<(string Name, string FullPath, FileKind Kind)>();
        var slash = prefix.LastIndexOf('/');
        var folder = _root;
        if (slash > 0)
            foreach (var segment in prefix[..slash].Split('/'))
            {
                folder = Path.Combine(folder, segment);
                if (FileKinds.Of(folder) != FileKind.Directory) return found;
            }
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            string[] entries;
            try { entries = Directory.GetFileSystemEntries(dir); }
            catch (Exception e) when (e is DirectoryNotFoundException or UnauthorizedAccessException) { continue; }
            foreach (var full in entries)
            {
                var name = Path.GetRelativePath(_root, full).Replace(Path.DirectorySeparatorChar, '/');
                if (name == TempFolder || name.StartsWith(TempFolder + "/", StringComparison.Ordinal)) continue;
                var kind = FileKinds.Of(full);
                if (kind == FileKind.Directory) pending.Push(full);
                else if (kind != FileKind.Missing && name.StartsWith(prefix, StringComparison.Ordinal)) found.Add((name, full, kind));
            }
        }
        found.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return found;
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
