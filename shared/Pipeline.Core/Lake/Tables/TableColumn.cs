namespace Pipeline.Core.Lake.Tables;

/// <summary>
/// The few Parquet types the lake uses, chosen so DuckDB, pandas/pyarrow and Spark read them without plugins:
/// UTF-8 strings, INT32, INT64, DOUBLE, BOOLEAN and DATE (no decimals, no nested or INT96 types).
/// </summary>
public enum ColumnType
{
    String,
    Int32,
    Int64,
    Double,
    Boolean,
    Date,
}

/// <summary>One column of a lake table. Values in rows use the CLR types string, int, long, double, bool and DateOnly.</summary>
public sealed record TableColumn(string Name, ColumnType Type, bool Nullable, string Description)
{
    /// <summary>The type name analysts see in DuckDB (and in the data dictionary).</summary>
    public string SqlType => Type switch
    {
        ColumnType.String => "VARCHAR",
        ColumnType.Int32 => "INTEGER",
        ColumnType.Int64 => "BIGINT",
        ColumnType.Double => "DOUBLE",
        ColumnType.Boolean => "BOOLEAN",
        ColumnType.Date => "DATE",
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, null),
    };

    public Type ClrType => Type switch
    {
        ColumnType.String => typeof(string),
        ColumnType.Int32 => typeof(int),
        ColumnType.Int64 => typeof(long),
        ColumnType.Double => typeof(double),
        ColumnType.Boolean => typeof(bool),
        ColumnType.Date => typeof(DateOnly),
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, null),
    };

    public static TableColumn Str(string name, string description, bool nullable = true) => new(name, ColumnType.String, nullable, description);
    public static TableColumn Int(string name, string description, bool nullable = false) => new(name, ColumnType.Int32, nullable, description);
    public static TableColumn Long(string name, string description, bool nullable = false) => new(name, ColumnType.Int64, nullable, description);
    public static TableColumn Dbl(string name, string description, bool nullable = true) => new(name, ColumnType.Double, nullable, description);
    public static TableColumn Bool(string name, string description) => new(name, ColumnType.Boolean, false, description);
    public static TableColumn Date(string name, string description, bool nullable = true) => new(name, ColumnType.Date, nullable, description);
}
