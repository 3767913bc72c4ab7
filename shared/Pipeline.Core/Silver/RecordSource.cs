namespace Pipeline.Core.Silver;

/// <summary>
/// A tabular source read one record at a time (CSV or a spreadsheet sheet): the header, then cells as text.
/// Memory stays bounded by one record (plus the reader's buffer), whatever the file size.
/// </summary>
public interface IRecordSource : IAsyncDisposable
{
    IReadOnlyList<string> Header { get; }

    /// <summary>What was detected (dialect, sheet), for messages and the run manifest.</summary>
    string Description { get; }

    /// <summary>Advances to the next record; false at the end.</summary>
    ValueTask<bool> ReadAsync(CancellationToken ct);

    /// <summary>The current record's line (the header is line 1).</summary>
    long Line { get; }

    /// <summary>Number of cells in the current record.</summary>
    int FieldCount { get; }

    /// <summary>Cell <paramref name="i"/> of the current record as written (not trimmed).</summary>
    string? this[int i] { get; }

    /// <summary>Cell <paramref name="i"/> as written, without making a string of it (empty when the record is shorter).</summary>
    ReadOnlySpan<char> Span(int i);

    /// <summary>True when decimals in this source use a comma.</summary>
    bool DecimalComma { get; }
}
