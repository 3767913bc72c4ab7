using System.Security.Cryptography;
using System.Text;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Query;

/// <summary>
/// The local Parquet files DuckDB reads a table from. On disk that is the lake's own folder (DuckDB prunes the
/// <c>jaar</c> folders itself). On Blob (DuckDB's azure extension cannot be installed offline) it is a local copy under
/// the cache directory of just the partitions the query needs (<see cref="YearFilter"/>): a file is downloaded only
/// when it is not cached with the same ETag and length, and cached files gone from the lake are removed.
/// </summary>
public sealed class TableFiles(ILakeStore lake, string? cacheDirectory = null)
{
    private const string StampSuffix = ".stamp";

    /// <summary>Default cache: one folder per lake location under the system temp folder.</summary>
    public string CacheDirectory { get; } = cacheDirectory ?? Path.Combine(Path.GetTempPath(), "pipeline-query", LocationKey(lake.Location));

    /// <summary>Files downloaded from a Blob lake so far (a file found unchanged in the cache does not count).</summary>
    public int Downloaded { get; private set; }

    /// <summary>
    /// What <c>read_parquet</c> should read for the table: a glob over its folder (disk) or the cached files of the
    /// partitions <paramref name="years"/> allows (Blob); empty when the table has no files.
    /// </summary>
    public async Task<IReadOnlyList<string>> ForQueryAsync(QueryTable table, YearFilter? years, CancellationToken ct = default)
    {
        if (lake is FileSystemLake disk)
        {
            var folder = disk.FullPath(LakePath.Parse(table.Definition.Folder.TrimEnd('/')));
            return Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Any()
                ? [Path.Combine(folder, "**", "*.parquet")]
                : [];
        }
        return await SyncAsync(table, years, ct);
    }

    private async Task<IReadOnlyList<string>> SyncAsync(QueryTable table, YearFilter? years, CancellationToken ct)
    {
        var inLake = new List<LakeEntry>();
        await foreach (var e in lake.ListAsync(table.Definition.Folder, ct))
            if (e.Path.Value.EndsWith(".parquet", StringComparison.Ordinal)) inLake.Add(e);

        // A file outside any jaar folder (an unpartitioned table) is always needed.
        var needed = inLake.Where(e => years is null || table.Definition.PartitionOf(e.Path) is not { } y || years.Allows(y)).ToList();
        // No partition passes: one file still gives the view its columns; the WHERE that pruned the rest removes its rows.
        if (needed.Count == 0 && inLake.Count > 0) needed.Add(inLake[0]);

        var local = new List<string>();
        foreach (var e in needed)
        {
            var file = LocalPath(e.Path.Value);
            var stamp = $"{e.ETag ?? e.LastModified.ToString("O")} {e.Length}";
            if (!File.Exists(file) || !File.Exists(file + StampSuffix) || await File.ReadAllTextAsync(file + StampSuffix, ct) != stamp)
            {
                await DownloadAsync(e.Path, file, ct);
                await File.WriteAllTextAsync(file + StampSuffix, stamp, ct);
                Downloaded++;
            }
            local.Add(file);
        }

        var folder = LocalPath(table.Definition.Folder.TrimEnd('/'));
        if (Directory.Exists(folder))
        {
            var kept = inLake.Select(e => LocalPath(e.Path.Value)).ToHashSet(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).ToList())
            {
                if (kept.Contains(file)) continue;
                File.Delete(file);
                File.Delete(file + StampSuffix);
            }
        }
        return local;
    }

    private async Task DownloadAsync(LakePath path, string local, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        var temp = local + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            await using (var source = await lake.OpenReadAsync(path, ct))
            await using (var target = File.Create(temp))
                await source.CopyToAsync(target, ct);
            File.Move(temp, local, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private string LocalPath(string lakeName) => Path.Combine(CacheDirectory, lakeName.Replace('/', Path.DirectorySeparatorChar));

    private static string LocationKey(string location) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(location)))[..16];
}
