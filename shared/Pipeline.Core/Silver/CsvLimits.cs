using Sylvan.Data.Csv;

namespace Pipeline.Core.Silver;

/// <summary>
/// The one set of Sylvan options for reading a CSV of unknown origin: a record (the header too) must fit in
/// <see cref="MaxRecordChars"/>, so a 300 MB file without a line break is refused after a few megabytes of memory
/// instead of being held whole.
/// </summary>
public static class CsvLimits
{
    /// <summary>The longest record read, in characters (2 MB of memory); real rows are a few hundred.</summary>
    public const int MaxRecordChars = 1 << 20;

    public static CsvDataReaderOptions Options(char delimiter, bool hasHeaders) => new()
    {
        Delimiter = delimiter, HasHeaders = hasHeaders, BufferSize = 1 << 16, MaxBufferSize = MaxRecordChars,
        // Headers are compared by the schema, not by Sylvan; keep duplicates visible to it.
        HeaderComparer = StringComparer.Ordinal,
    };

    public static string TooLong(long line) =>
        $"line {line} is longer than {MaxRecordChars:#,0} characters (a file without line breaks, or not CSV)";
}
