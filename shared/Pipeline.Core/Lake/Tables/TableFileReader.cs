using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace Pipeline.Core.Lake.Tables;

/// <summary>
/// One open Parquet file of a table, read row group by row group into typed column arrays (<see cref="TableRowGroup"/>):
/// memory for one row group, whatever the file's size. Opening checks what <see cref="TableReader"/> promises: every
/// column of the table is in the file (matched by name) and a partitioned table's file is in a partition folder.
/// </summary>
public sealed class TableFileReader : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly ParquetReader _reader;
    private readonly TableDefinition _table;
    private readonly DataField?[] _fields; // by table column; null for the partition column

    private TableFileReader(Stream stream, ParquetReader reader, TableDefinition table, LakePath path, int? partition, DataField?[] fields)
    {
        _stream = stream;
        _reader = reader;
        _table = table;
        _fields = fields;
        Path = path;
        Partition = partition;
        Metadata = reader.CustomMetadata is { } m ? new Dictionary<string, string>(m) : new Dictionary<string, string>();
    }

    public LakePath Path { get; }
    /// <summary>The partition value from the file's path (<c>jaar=2023/</c>); null for an unpartitioned table.</summary>
    public int? Partition { get; }
    /// <summary>The file's key-value metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public static async Task<TableFileReader> OpenAsync(ILakeStore lake, TableDefinition table, LakePath path, CancellationToken ct = default)
    {
        var stream = await lake.OpenReadAsync(path, ct);
        try
        {
            // Parquet needs to seek to the footer; blob streams may not, so spool those to memory first.
            if (!stream.CanSeek)
            {
                var ms = new MemoryStream();
                await stream.CopyToAsync(ms, ct);
                await stream.DisposeAsync();
                ms.Position = 0;
                stream = ms;
            }
            var reader = await ParquetReader.CreateAsync(stream, new ParquetOptions { UseDateOnlyTypeForDates = true }, cancellationToken: ct);
            try
            {
                return new TableFileReader(stream, reader, table, path, PartitionOf(table, path), FieldsOf(table, path, reader));
            }
            catch
            {
                await reader.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    private static int? PartitionOf(TableDefinition table, LakePath path)
    {
        var partition = table.PartitionOf(path);
        if (table.PartitionColumn is not null && partition is null)
            throw new InvalidDataException($"Parquet file '{path}' is not in a '{table.PartitionColumn}=' folder of table '{table.Name}'.");
        return partition;
    }

    private static DataField?[] FieldsOf(TableDefinition table, LakePath path, ParquetReader reader) =>
        table.Columns.Select(c => c.Name == table.PartitionColumn
            ? null
            : reader.Schema.DataFields.FirstOrDefault(f => f.Name == c.Name)
              ?? throw new InvalidDataException($"Parquet file '{path}' has no column '{c.Name}' of table '{table.Name}'.")).ToArray();

    /// <summary>
    /// The file's row groups in order. <paramref name="columns"/> limits what is read (null: every column); the arrays
    /// are reused from one row group to the next.
    /// </summary>
    public async IAsyncEnumerable<TableRowGroup> ReadRowGroupsAsync(IReadOnlyCollection<string>? columns = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var buffers = new Array?[_table.Columns.Count];
        var group = new TableRowGroup(_table, Path, Partition, Metadata, buffers);
        for (var g = 0; g < _reader.RowGroupCount; g++)
        {
            using var rg = _reader.OpenRowGroupReader(g);
            var n = checked((int)rg.RowCount);
            for (var c = 0; c < _fields.Length; c++)
                if (_fields[c] is { } field && (columns is null || columns.Contains(field.Name)))
                    buffers[c] = await ReadColumnAsync(rg, field, _table.Columns[c].Type, n, buffers[c], ct);
            group.RowCount = n;
            yield return group;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _stream.DisposeAsync();
    }

    /// <summary>Reads one column into <paramref name="reuse"/> when that is of the right kind and long enough.</summary>
    private static async Task<Array> ReadColumnAsync(ParquetRowGroupReader rg, DataField field, ColumnType type, int n, Array? reuse,
        CancellationToken ct)
    {
        switch (type)
        {
            case ColumnType.String:
                var s = reuse is string?[] old && old.Length >= n ? old : new string?[n];
                await rg.ReadAsync(field, s.AsMemory(0, n), cancellationToken: ct);
                return s;
            case ColumnType.Int32: return await ReadValuesAsync<int>(rg, field, n, reuse, ct);
            case ColumnType.Int64: return await ReadValuesAsync<long>(rg, field, n, reuse, ct);
            case ColumnType.Double: return await ReadValuesAsync<double>(rg, field, n, reuse, ct);
            case ColumnType.Boolean: return await ReadValuesAsync<bool>(rg, field, n, reuse, ct);
            case ColumnType.Date: return await ReadValuesAsync<DateOnly>(rg, field, n, reuse, ct);
            default: throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
    }

    private static async Task<Array> ReadValuesAsync<T>(ParquetRowGroupReader rg, DataField field, int n, Array? reuse, CancellationToken ct)
        where T : struct
    {
        if (field.IsNullable)
        {
            var nullable = reuse is T?[] old && old.Length >= n ? old : new T?[n];
            await rg.ReadAsync<T>(field, nullable.AsMemory(0, n), cancellationToken: ct);
            return nullable;
        }
        var values = reuse is T[] known && known.Length >= n ? known : new T[n];
        await rg.ReadAsync<T>(field, values.AsMemory(0, n), cancellationToken: ct);
        return values;
    }
}
