using Parquet;
using Parquet.Schema;

namespace Pipeline.Core.Lake.Tables;

/// <summary>
/// Writes one Parquet file row by row, flushing a row group every <c>rowGroupSize</c> rows, so memory is bounded by
/// one row group whatever the number of rows. Key-value metadata is written into the file footer. Rows come in the
/// table's column order; the partition column is left out of the file (it is in the path).
/// </summary>
internal sealed class ParquetFileBuilder : IAsyncDisposable
{
    private readonly ParquetWriter _writer;
    private readonly ColumnBuffer[] _buffers;
    private readonly DataField[] _fields;
    private readonly int[] _rowIndex;
    private readonly int _rowLength;
    private readonly int _rowGroupSize;
    private int _pending;
    private bool _completed;

    private ParquetFileBuilder(ParquetWriter writer, TableDefinition table, DataField[] fields, int rowGroupSize)
    {
        var stored = table.FileColumns;
        _writer = writer;
        _buffers = stored.Select(ColumnBuffer.For).ToArray();
        _fields = fields;
        _rowIndex = stored.Select(c => table.IndexOf(c.Name)).ToArray();
        _rowLength = table.Columns.Count;
        _rowGroupSize = rowGroupSize;
    }

    public long Rows { get; private set; }

    public static async Task<ParquetFileBuilder> CreateAsync(TableDefinition table, Stream output,
        IReadOnlyDictionary<string, string> metadata, int rowGroupSize, CancellationToken ct)
    {
        var fields = table.FileColumns.Select(ColumnBuffer.FieldFor).ToArray();
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output,
            new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }, cancellationToken: ct);
        writer.CustomMetadata = new Dictionary<string, string>(metadata);
        return new ParquetFileBuilder(writer, table, fields, rowGroupSize);
    }

    public async ValueTask AddAsync(object?[] row, CancellationToken ct)
    {
        if (row.Length != _rowLength)
            throw new ArgumentException($"A row has {row.Length} values; the table has {_rowLength} columns.");
        for (var i = 0; i < _buffers.Length; i++) _buffers[i].Add(row[_rowIndex[i]]);
        _pending++;
        Rows++;
        if (_pending >= _rowGroupSize) await FlushAsync(ct);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        if (_pending == 0) return;
        using (var rg = _writer.CreateRowGroup())
        {
            for (var i = 0; i < _buffers.Length; i++)
                await _buffers[i].WriteAsync(rg, _fields[i], ct);
        }
        foreach (var b in _buffers) b.Clear();
        _pending = 0;
    }

    /// <summary>Flushes the last row group and writes the footer.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        await FlushAsync(ct);
        _completed = true;
        await _writer.DisposeAsync();
    }

    /// <summary>An abandoned file (error path): release the writer; the caller discards the bytes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_completed) return;
        _completed = true;
        await _writer.DisposeAsync();
    }
}
