namespace Pipeline.Core.Lake.Tables;

/// <summary>
/// One row group of a table file, column by column as typed arrays (no boxed cell, no row array). Only the columns
/// asked for are read. The arrays are reused for the file's next row group, so a group is valid until the reader
/// moves on; the arrays may be longer than <see cref="RowCount"/>.
/// </summary>
public sealed class TableRowGroup
{
    private readonly TableDefinition _table;
    private readonly Array?[] _columns;

    internal TableRowGroup(TableDefinition table, LakePath path, int? partition, IReadOnlyDictionary<string, string> metadata, Array?[] columns)
    {
        _table = table;
        _columns = columns;
        Path = path;
        Partition = partition;
        Metadata = metadata;
    }

    public LakePath Path { get; }
    public int? Partition { get; }
    /// <summary>The file's key-value metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }
    public int RowCount { get; internal set; }

    public string?[] Strings(string column) => (string?[])Read(column, ColumnType.String)!;
    public ColumnValues<int> Ints(string column) => Values<int>(column, ColumnType.Int32);
    public ColumnValues<long> Longs(string column) => Values<long>(column, ColumnType.Int64);
    public ColumnValues<double> Doubles(string column) => Values<double>(column, ColumnType.Double);
    public ColumnValues<bool> Bools(string column) => Values<bool>(column, ColumnType.Boolean);
    public ColumnValues<DateOnly> Dates(string column) => Values<DateOnly>(column, ColumnType.Date);

    /// <summary>One cell as <see cref="TableReader.ReadFileAsync"/> gives it (string, int, long, double, bool, DateOnly or null).</summary>
    internal object? Box(int column, int row) =>
        _table.Columns[column].Name == _table.PartitionColumn ? Partition : Column(column).GetValue(row);

    private ColumnValues<T> Values<T>(string column, ColumnType type) where T : struct => Read(column, type) switch
    {
        null => new ColumnValues<T>((T?)(object?)Partition),
        T[] values => new ColumnValues<T>(values),
        T?[] values => new ColumnValues<T>(values),
        var other => throw new InvalidCastException($"column '{column}' holds {other.GetType().Name}, not {typeof(T).Name}"),
    };

    /// <summary>The array of a column; null for the partition column (its value is the path's).</summary>
    private Array? Read(string column, ColumnType type)
    {
        var i = _table.IndexOf(column);
        if (_table.Columns[i].Type != type)
            throw new InvalidCastException($"column '{column}' of table '{_table.Name}' is {_table.Columns[i].Type}, not {type}");
        return column == _table.PartitionColumn ? null : Column(i);
    }

    private Array Column(int i) =>
        _columns[i] ?? throw new InvalidOperationException($"column '{_table.Columns[i].Name}' of {Path} was not read (not asked for).");
}
