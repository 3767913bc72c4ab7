using Pipeline.Core.Runs;

namespace Pipeline.Core.Lake.Tables;

public sealed record TableWriterOptions
{
    /// <summary>Rows per row group (per open partition): a bound on memory while writing.</summary>
    public int RowGroupSize { get; init; } = 100_000;

    /// <summary>Buffered bytes per row group (per open partition): the other bound; whichever is reached first seals it.</summary>
    public long RowGroupBytes { get; init; } = 8L << 20;

    /// <summary>Sealed row groups that may wait for an encoder before the producer waits too.</summary>
    public int EncodeQueue { get; init; } = 1;

    /// <summary>Row groups encoded at once (of different partition files; one file's row groups go one by one).</summary>
    public int EncodeWorkers { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Managed heap past which a full collection is asked for while writing (see <see cref="HeapGuard"/>); null: never.</summary>
    public long? HeapLimitBytes { get; init; }

    /// <summary>Where partition files are staged before they are published (default: the system temp folder).</summary>
    public string? StagingDirectory { get; init; }
}

/// <summary>
/// Streams rows into a lake table. Rows are routed to their partition and staged as complete Parquet files on local
/// disk; nothing reaches the lake until <see cref="PublishAsync"/>, which replaces each touched partition file
/// atomically through <see cref="ILakeStore.WriteAsync"/>. Partitions the rows do not touch are left as they are.
/// Dispose without publishing to abandon everything (the lake keeps its previous files).
/// </summary>
public sealed class TableWriter : IAsyncDisposable
{
    private readonly TableDefinition _table;
    private readonly IReadOnlyDictionary<string, string> _metadata;
    private readonly TableWriterOptions _options;
    private readonly string _staging;
    private readonly int _partitionIndex;
    private readonly string? _fileName;
    private readonly SortedDictionary<int, (ParquetFileBuilder Builder, FileStream File, string Path)> _open = new();
    private RowGroupEncoder? _encoder;
    private readonly HeapGuard? _heap;
    private readonly System.Collections.Concurrent.ConcurrentBag<ColumnBuffer[]> _spareBuffers = [];

    /// <param name="fileName">For an unpartitioned table: the file name (without <c>.parquet</c>) to write.</param>
    public TableWriter(TableDefinition table, IReadOnlyDictionary<string, string> metadata, TableWriterOptions? options = null, string? fileName = null)
    {
        _table = table;
        _metadata = metadata;
        _options = options ?? new TableWriterOptions();
        _partitionIndex = table.PartitionColumn is null ? -1 : table.IndexOf(table.PartitionColumn);
        if (_partitionIndex < 0 && fileName is null)
            throw new ArgumentException($"Table '{table.Name}' is not partitioned: give the file name to write.", nameof(fileName));
        _fileName = fileName;
        _heap = _options.HeapLimitBytes is { } limit ? new HeapGuard(limit) : null;
        _staging = Path.Combine(_options.StagingDirectory ?? Path.GetTempPath(), Raw.StagingFolder.NewName("table"));
        Directory.CreateDirectory(_staging);
    }

    public TableDefinition Table => _table;
    public long Rows { get; private set; }

    /// <summary>Rows per partition value so far (key 0 for an unpartitioned table).</summary>
    public IReadOnlyDictionary<int, long> PartitionRows => _open.ToDictionary(kv => kv.Key, kv => kv.Value.Builder.Rows);

    /// <summary>Adds one row; completes synchronously unless a partition file is opened or a row group sealed.</summary>
    public ValueTask AddAsync(object?[] row, CancellationToken ct = default)
    {
        var key = 0;
        if (_partitionIndex >= 0)
            key = row[_partitionIndex] as int? ?? throw new ArgumentException($"Partition column '{_table.PartitionColumn}' must be a non-null int.");
        if (!_open.TryGetValue(key, out var part)) return AddToNewPartitionAsync(key, row, ct);
        var added = part.Builder.AddAsync(row, ct);
        Rows++;
        return added;
    }

    private async ValueTask AddToNewPartitionAsync(int key, object?[] row, CancellationToken ct)
    {
        var path = Path.Combine(_staging, $"{key}.parquet");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        _encoder ??= new RowGroupEncoder(_options.EncodeQueue, _options.EncodeWorkers);
        var builder = await ParquetFileBuilder.CreateAsync(_table, file, _metadata, _options, _encoder, _spareBuffers, _heap, ct);
        _open[key] = (builder, file, path);
        await builder.AddAsync(row, ct);
        Rows++;
    }

    public async Task AddRangeAsync(IEnumerable<object?[]> rows, CancellationToken ct = default)
    {
        foreach (var r in rows) await AddAsync(r, ct);
    }

    /// <summary>Completes every staged file and publishes it; returns the lake files written with their row counts.</summary>
    public async Task<IReadOnlyList<RunFile>> PublishAsync(ILakeStore lake, CancellationToken ct = default)
    {
        var written = new List<RunFile>();
        foreach (var part in _open.Values) await part.Builder.SealAsync(ct);
        if (_encoder is not null) await _encoder.DrainAsync();
        foreach (var (key, part) in _open)
        {
            await part.Builder.CompleteAsync();
            part.File.Position = 0;
            var target = _partitionIndex >= 0 ? _table.PartitionFile(key) : _table.TableFile(_fileName!);
            await lake.WriteAsync(target, part.File, ct);
            written.Add(new RunFile(target.Value, Rows: part.Builder.Rows));
        }
        return written;
    }

    public async ValueTask DisposeAsync()
    {
        if (_encoder is not null) await _encoder.AbandonAsync();
        _encoder = null;
        foreach (var part in _open.Values)
        {
            await part.Builder.DisposeAsync();
            await part.File.DisposeAsync();
        }
        _open.Clear();
        try { Directory.Delete(_staging, recursive: true); } catch (IOException) { /* staging is temp space; best effort */ }
    }
}
