using Parquet;

namespace Pipeline.Core.Lake.Tables;

/// <summary>One file of a table as read back: its rows (in the table's column order) and its key-value metadata.</summary>
public sealed record TableFileData(LakePath Path, int? Partition, IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<object?[]> Rows);

/// <summary>
/// Reads a lake table back into rows in the column order of a <see cref="TableDefinition"/> (values as string, int,
/// long, double, bool, DateOnly or null). Columns are matched by name, so files with extra columns still read; a
/// missing column is an error naming the file. The partition column comes from the file's path (<c>jaar=2023/</c>), as
/// the files do not store it. <see cref="ReadFileAsync"/> and the methods on it hold whole tables as boxed rows (small
/// tables, tests); <see cref="TableFileReader"/> streams a file of any size in typed columns.
/// </summary>
public static class TableReader
{
    public static async Task<IReadOnlyList<object?[]>> ReadRowsAsync(ILakeStore lake, TableDefinition table, CancellationToken ct = default)
    {
        var rows = new List<object?[]>();
        foreach (var f in await ReadFilesAsync(lake, table, ct)) rows.AddRange(f.Rows);
        return rows;
    }

    /// <summary>Every Parquet file of the table (partitions in name order).</summary>
    public static async Task<IReadOnlyList<TableFileData>> ReadFilesAsync(ILakeStore lake, TableDefinition table, CancellationToken ct = default)
    {
        var files = new List<TableFileData>();
        await foreach (var e in lake.ListAsync(table.Folder, ct))
        {
            if (!e.Path.Value.EndsWith(".parquet", StringComparison.Ordinal)) continue;
            files.Add(await ReadFileAsync(lake, table, e.Path, ct));
        }
        return files;
    }

    public static async Task<TableFileData> ReadFileAsync(ILakeStore lake, TableDefinition table, LakePath path, CancellationToken ct = default)
    {
        await using var file = await TableFileReader.OpenAsync(lake, table, path, ct);
        var rows = new List<object?[]>();
        await foreach (var group in file.ReadRowGroupsAsync(columns: null, ct))
            for (var r = 0; r < group.RowCount; r++)
            {
                var row = new object?[table.Columns.Count];
                for (var c = 0; c < row.Length; c++) row[c] = group.Box(c, r);
                rows.Add(row);
            }
        return new TableFileData(path, file.Partition, file.Metadata, rows);
    }

    /// <summary>The key-value metadata of one file, without reading its rows.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadMetadataAsync(ILakeStore lake, LakePath path, CancellationToken ct = default)
    {
        await using var raw = await lake.OpenReadAsync(path, ct);
        var ms = new MemoryStream();
        await raw.CopyToAsync(ms, ct);
        ms.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(ms, cancellationToken: ct);
        return reader.CustomMetadata is { } m ? new Dictionary<string, string>(m) : new Dictionary<string, string>();
    }
}
