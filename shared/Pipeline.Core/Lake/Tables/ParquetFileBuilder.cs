using System.Collections.Concurrent;
using Parquet;
using Parquet.Schema;

namespace Pipeline.Core.Lake.Tables;

/// <summary>
/// Writes one Parquet file row by row. A row group is sealed every <see cref="TableWriterOptions.RowGroupSize"/> rows
/// or <see cref="TableWriterOptions.RowGroupBytes"/> buffered bytes, whichever comes first, and handed to the
/// <see cref="RowGroupEncoder"/> while rows go on into a spare set of column buffers (pooled by the table writer for
/// all its partition files: a set comes back once written, so the sets in use are the open files plus those queued). Memory is bounded by the row groups buffered and queued, whatever the number of rows. Key-value metadata
/// is written into the file footer. Rows come in the table's column order; the partition column is left out of the
/// file (it is in the path).
/// </summary>
internal sealed class ParquetFileBuilder : IAsyncDisposable
{
    private readonly ParquetWriter _writer;
    private readonly RowGroupEncoder _encoder;
    private readonly IReadOnlyList<TableColumn> _stored;
    private readonly DataField[] _fields;
    private readonly int[] _rowIndex;
    private readonly int _rowLength;
    private readonly TableWriterOptions _options;
    private readonly ConcurrentBag<ColumnBuffer[]> _spare;
    private readonly HeapGuard? _heap;
    private ColumnBuffer[] _buffers;
    private int _pending;
    private long _pendingBytes;
    private bool _completed;

    private ParquetFileBuilder(ParquetWriter writer, RowGroupEncoder encoder, ConcurrentBag<ColumnBuffer[]> spare, HeapGuard? heap,
        TableDefinition table, DataField[] fields, TableWriterOptions options)
    {
        _heap = heap;
        _stored = table.FileColumns;
        _spare = spare;
        _writer = writer;
        _encoder = encoder;
        _buffers = _spare.TryTake(out var spareSet) ? spareSet : NewBuffers();
        _fields = fields;
        _rowIndex = _stored.Select(c => table.IndexOf(c.Name)).ToArray();
        _rowLength = table.Columns.Count;
        _options = options;
    }

    public long Rows { get; private set; }

    public static async Task<ParquetFileBuilder> CreateAsync(TableDefinition table, Stream output,
        IReadOnlyDictionary<string, string> metadata, TableWriterOptions options, RowGroupEncoder encoder, ConcurrentBag<ColumnBuffer[]> spare,
        HeapGuard? heap, CancellationToken ct)
    {
        var fields = table.FileColumns.Select(ColumnBuffer.FieldFor).ToArray();
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output, new ParquetOptions
        {
            CompressionMethod = CompressionMethod.Snappy,
            // Parquet.Net's stream pool otherwise keeps every freed buffer; a row group's worth is enough to reuse.
            MaximumSmallPoolFreeBytes = (int)Math.Min(int.MaxValue, options.RowGroupBytes),
            MaximumLargePoolFreeBytes = (int)Math.Min(int.MaxValue, options.RowGroupBytes),
        }, cancellationToken: ct);
        writer.CustomMetadata = new Dictionary<string, string>(metadata);
        return new ParquetFileBuilder(writer, encoder, spare, heap, table, fields, options);
    }

    /// <summary>Buffers one row; only sealing a full row group may have to wait (for the encoder).</summary>
    public ValueTask AddAsync(object?[] row, CancellationToken ct)
    {
        if (row.Length != _rowLength)
            throw new ArgumentException($"A row has {row.Length} values; the table has {_rowLength} columns.");
        for (var i = 0; i < _buffers.Length; i++) _pendingBytes += _buffers[i].Add(row[_rowIndex[i]]);
        _pending++;
        Rows++;
        return _pending >= _options.RowGroupSize || _pendingBytes >= _options.RowGroupBytes ? SealAsync(ct) : ValueTask.CompletedTask;
    }

    /// <summary>Hands the buffered rows to the encoder as one row group and goes on with a spare set of buffers.</summary>
    public async ValueTask SealAsync(CancellationToken ct)
    {
        if (_pending == 0) return;
        _heap?.Check();
        var sealedBuffers = _buffers;
        _buffers = _spare.TryTake(out var spare) ? spare : NewBuffers();
        _pending = 0;
        _pendingBytes = 0;
        await _encoder.EnqueueAsync(this, async encodeCt =>
        {
            using (var rg = _writer.CreateRowGroup())
            {
                for (var i = 0; i < sealedBuffers.Length; i++)
                    await sealedBuffers[i].WriteAsync(rg, _fields[i], encodeCt);
            }
            foreach (var b in sealedBuffers) b.Clear();
            _spare.Add(sealedBuffers);
        }, ct);
    }

    /// <summary>Writes the footer; call after the last row group was sealed and the encoder drained.</summary>
    public async Task CompleteAsync()
    {
        _completed = true;
        await _writer.DisposeAsync();
    }

    /// <summary>An abandoned file (error path): release the writer; the caller discards the bytes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_completed) return;
        _completed = true;
        try { await _writer.DisposeAsync(); } catch (Exception) { /* a half-written file is being discarded */ }
    }

    private ColumnBuffer[] NewBuffers() => _stored.Select(ColumnBuffer.For).ToArray();
}
