using Parquet;
using Parquet.Schema;

namespace Pipeline.Core.Lake.Tables;

/// <summary>One file of a table as read back: its rows (in the table's column order) and its key-value metadata.</summary>
public sealed record TableFileData(LakePath Path, int? Partition, IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<object?[]> Rows);

/// <summary>
/// Reads a lake table back into rows in the column order of a <see cref="TableDefinition"/> (values as string, int,
/// long, double, bool, DateOnly or null). Columns are matched by name, so files with extra columns still read; a
/// missing column is an error naming the file. The partition column comes from the file's path (<c>jaar=2023/</c>), as
/// the files do not store it. Meant for tables that fit in memory (gold inputs, tests).
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
        await using var raw = await lake.OpenReadAsync(path, ct);
        // Parquet needs to seek to the footer; blob streams may not, so spool those to memory first.
        Stream s = raw;
        if (!raw.CanSeek)
        {
            var ms = new MemoryStream();
            await raw.CopyToAsync(ms, ct);
            ms.Position = 0;
            s = ms;
        }
        await using var reader = await ParquetReader.CreateAsync(s, new ParquetOptions { UseDateOnlyTypeForDates = true }, cancellationToken: ct);
        var partition = table.PartitionOf(path);
        if (table.PartitionColumn is not null && partition is null)
            throw new InvalidDataException($"Parquet file '{path}' is not in a '{table.PartitionColumn}=' folder of table '{table.Name}'.");
        var fields = table.Columns.Select(c => c.Name == table.PartitionColumn
            ? null
            : reader.Schema.DataFields.FirstOrDefault(f => f.Name == c.Name)
              ?? throw new InvalidDataException($"Parquet file '{path}' has no column '{c.Name}' of table '{table.Name}'.")).ToArray();
        var rows = new List<object?[]>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var rg = reader.OpenRowGroupReader(g);
            var n = checked((int)rg.RowCount);
            var columns = new object?[table.Columns.Count][];
            for (var c = 0; c < fields.Length; c++)
                columns[c] = fields[c] is { } field
                    ? await ReadColumnAsync(rg, field, table.Columns[c], n, ct)
                    : Enumerable.Repeat<object?>(partition, n).ToArray();
            for (var r = 0; r < n; r++)
            {
                var row = new object?[fields.Length];
                for (var c = 0; c < fields.Length; c++) row[c] = columns[c][r];
                rows.Add(row);
            }
        }
        var metadata = reader.CustomMetadata is { } m ? new Dictionary<string, string>(m) : new Dictionary<string, string>();
        return new TableFileData(path, partition, metadata, rows);
    }

    private static async Task<object?[]> ReadColumnAsync(ParquetRowGroupReader rg, DataField field, TableColumn column, int n, CancellationToken ct)
    {
        switch (column.Type)
        {
            case ColumnType.String:
                var s = new string?[n];
                await rg.ReadAsync(field, s.AsMemory(), cancellationToken: ct);
                return s;
            case ColumnType.Int32: return await ReadValuesAsync<int>(rg, field, n, ct);
            case ColumnType.Int64: return await ReadValuesAsync<long>(rg, field, n, ct);
            case ColumnType.Double: return await ReadValuesAsync<double>(rg, field, n, ct);
            case ColumnType.Boolean: return await ReadValuesAsync<bool>(rg, field, n, ct);
            case ColumnType.Date: return await ReadValuesAsync<DateOnly>(rg, field, n, ct);
            default: throw new ArgumentOutOfRangeException(nameof(column));
        }
    }

    private static async Task<object?[]> ReadValuesAsync<T>(ParquetRowGroupReader rg, DataField field, int n, CancellationToken ct) where T : struct
    {
        var result = new object?[n];
        if (field.IsNullable)
        {
            var v = new T?[n];
            await rg.ReadAsync<T>(field, v.AsMemory(), cancellationToken: ct);
            for (var i = 0; i < n; i++) result[i] = v[i];
        }
        else
        {
            var v = new T[n];
            await rg.ReadAsync<T>(field, v.AsMemory(), cancellationToken: ct);
            for (var i = 0; i < n; i++) result[i] = v[i];
        }
        return result;
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
