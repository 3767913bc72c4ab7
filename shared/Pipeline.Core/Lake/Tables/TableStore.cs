using Pipeline.Core.Runs;

namespace Pipeline.Core.Lake.Tables;

/// <summary>Conveniences over <see cref="TableWriter"/> for callers that have all rows in hand (gold tables, tests).</summary>
public static class TableStore
{
    /// <summary>Writes <paramref name="rows"/>, replacing exactly the partitions they touch.</summary>
    public static async Task<IReadOnlyList<RunFile>> WriteAsync(ILakeStore lake, TableDefinition table, IEnumerable<object?[]> rows,
        IReadOnlyDictionary<string, string> metadata, TableWriterOptions? options = null, CancellationToken ct = default)
    {
        await using var writer = new TableWriter(table, metadata, options);
        await writer.AddRangeAsync(rows, ct);
        return await writer.PublishAsync(lake, ct);
    }

    /// <summary>Removes the partitions of <paramref name="table"/> whose value is not in <paramref name="keep"/> (for full rebuilds).</summary>
    public static async Task<IReadOnlyList<LakePath>> DeletePartitionsExceptAsync(ILakeStore lake, TableDefinition table, IReadOnlySet<int> keep, CancellationToken ct = default)
    {
        var doomed = new List<LakePath>();
        await foreach (var e in lake.ListAsync(table.Folder, ct))
            if (table.PartitionOf(e.Path) is { } p && !keep.Contains(p) && e.Path.Value.EndsWith(".parquet", StringComparison.Ordinal))
                doomed.Add(e.Path);
        foreach (var p in doomed) await lake.DeleteAsync(p, ct);
        return doomed;
    }

    /// <summary>The partition values present in the lake.</summary>
    public static async Task<IReadOnlyList<int>> PartitionsAsync(ILakeStore lake, TableDefinition table, CancellationToken ct = default)
    {
        var set = new SortedSet<int>();
        await foreach (var e in lake.ListAsync(table.Folder, ct))
            if (table.PartitionOf(e.Path) is { } p) set.Add(p);
        return set.ToList();
    }
}
