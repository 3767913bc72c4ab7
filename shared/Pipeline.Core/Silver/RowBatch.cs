namespace Pipeline.Core.Silver;

/// <summary>
/// Silver rows in the table's column order: those of one source record, or of a block of records on their way to the
/// checks and the writer (<see cref="RowHandoff"/>). The row arrays are reused once the batch is cleared: the checks
/// and the table writer copy values out as each row passes, so nothing keeps a row.
/// </summary>
public sealed class RowBatch
{
    private readonly List<object?[]> _rows = [];

    public int Count { get; private set; }

    public object?[] this[int i] => i < Count ? _rows[i] : throw new ArgumentOutOfRangeException(nameof(i));

    public void Add(params ReadOnlySpan<object?> values)
    {
        if (Count == _rows.Count) _rows.Add(new object?[values.Length]);
        var row = _rows[Count];
        if (row.Length != values.Length) _rows[Count] = row = new object?[values.Length];
        values.CopyTo(row);
        Count++;
    }

    public void Clear() => Count = 0;

    /// <summary>Drops the rows added after the first <paramref name="count"/> (a record that turned out bad).</summary>
    public void Truncate(int count) => Count = Math.Min(Count, count);
}
