using System.Security.Cryptography;
using System.Text;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Query;

/// <summary>
/// The local folder DuckDB reads a table from. On disk that is the lake's own folder. On Blob (DuckDB's azure
/// extension cannot be installed offline) it is a local copy under the cache directory, kept in sync per query: a
/// file is downloaded again only when its ETag or length changed, and files gone from the lake are removed.
/// </summary>
public sealed class TableFolders(ILakeStore lake, string? cacheDirectory = null)
{
    private const string StampSuffix = ".stamp";

    /// <summary>Default cache: one folder per lake location under the system temp folder.</summary>
    public string CacheDirectory { get; } = cacheDirectory ?? Path.Combine(Path.GetTempPath(), "pipeline-query", LocationKey(lake.Location));

    /// <summary>The folder holding the table's Parquet files (Hive folders included), or null when it has none.</summary>
    public async Task<string?> FolderAsync(QueryTable table, CancellationToken ct = default)
    {
        if (lake is FileSystemLake disk)
        {
            var folder = disk.FullPath(LakePath.Parse(table.Definition.Folder.TrimEnd('/')));
            return Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Any() ? folder : null;
        }
        return await SyncAsync(table, ct);
    }

    private async Task<string?> SyncAsync(QueryTable table, CancellationToken ct)
    {
        var folder = LocalPath(table.Definition.Folder.TrimEnd('/'));
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in lake.ListAsync(table.Definition.Folder, ct))
        {
            if (!e.Path.Value.EndsWith(".parquet", StringComparison.Ordinal)) continue;
            var local = LocalPath(e.Path.Value);
            wanted.Add(local);
            var stamp = $"{e.ETag ?? e.LastModified.ToString("O")} {e.Length}";
            if (File.Exists(local) && File.Exists(local + StampSuffix) && await File.ReadAllTextAsync(local + StampSuffix, ct) == stamp) continue;
            await DownloadAsync(e.Path, local, ct);
            await File.WriteAllTextAsync(local + StampSuffix, stamp, ct);
        }
        if (!Directory.Exists(folder)) return null;
        foreach (var file in Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).ToList())
        {
            if (wanted.Contains(file)) continue;
            File.Delete(file);
            File.Delete(file + StampSuffix);
        }
        return wanted.Count > 0 ? folder : null;
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
