namespace Pipeline.Core.Silver;

/// <summary>
/// The file as a whole does not match its schema (missing, unexpected or renamed column; unreadable encoding): it goes
/// to quarantine and the previous silver table stays current.
/// </summary>
public sealed class SchemaDriftException(string file, string? column, string reason)
    : Exception(column is null ? $"{file}: {reason}" : $"{file}: column '{column}': {reason}")
{
    public string File { get; } = file;
    public string? Column { get; } = column;
    public string Reason { get; } = reason;
}

/// <summary>One cell that cannot be read as the schema says (thrown by the cell parsers, caught per row).</summary>
public sealed class BadValueException(string column, string? value, string reason) : Exception($"column '{column}': {reason}")
{
    public string Column { get; } = column;
    public string? Value { get; } = value;
    public string Reason { get; } = reason;
}

/// <summary>A rejected source row: where it is and why.</summary>
public sealed record RowIssue(long Line, string Column, string? Value, string Reason)
{
    public override string ToString() => $"line {Line}, column '{Column}': {Reason}" + (Value is null ? "" : $" (value '{Value}')");
}

/// <summary>What to do with rows whose values cannot be read.</summary>
public sealed record BadRowPolicy
{
    /// <summary>Reject the whole file when more than this fraction of its rows is bad (default 0.1 %).</summary>
    public double MaxBadRowFraction { get; init; } = 0.001;

    /// <summary>How many bad rows are kept in detail (the count is always exact).</summary>
    public int MaxRecordedIssues { get; init; } = 10_000;

    public static BadRowPolicy Default { get; } = new();

    public bool RejectsFile(long badRows, long totalRows) => totalRows > 0 && badRows > MaxBadRowFraction * totalRows;
}
