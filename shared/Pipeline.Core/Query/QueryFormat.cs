namespace Pipeline.Core.Query;

/// <summary>How <c>pipeline query</c> prints a result.</summary>
public enum QueryFormat
{
    /// <summary>An aligned table for people (numbers right-aligned, NULL spelled out), with a row count.</summary>
    Text,
    /// <summary>RFC 4180 CSV with a header row; NULL is an empty field.</summary>
    Csv,
    /// <summary>A JSON array of objects, one per row, numbers as numbers and NULL as null.</summary>
    Json,
}
