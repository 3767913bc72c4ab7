namespace Pipeline.Core.Lake.Tables;

/// <summary>
/// The values of one non-string column in a <see cref="TableRowGroup"/>, unboxed: the array Parquet read (nullable or
/// not, as the file declares the column) or, for the partition column, the one value from the file's path.
/// </summary>
public readonly struct ColumnValues<T> where T : struct
{
    private readonly T[]? _values;
    private readonly T?[]? _nullable;
    private readonly T? _constant;

    internal ColumnValues(T[] values) => _values = values;
    internal ColumnValues(T?[] values) => _nullable = values;
    internal ColumnValues(T? constant) => _constant = constant;

    public T? this[int row] => _values is not null ? _values[row] : _nullable is not null ? _nullable[row] : _constant;
}
