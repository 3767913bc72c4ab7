using Pipeline.Core.Lake;
using Pipeline.Core.Lake.Tables;

namespace Pipeline.Core.Silver;

/// <summary>How a raw dataset is read.</summary>
public enum SourceFormat
{
    /// <summary>DUO open-data CSV (new portal or legacy), dialect detected per file.</summary>
    DuoCsv,
    /// <summary>The project's JOB-monitor format: CSV or the first sheet of an .xlsx.</summary>
    JobMonitor,
    /// <summary>One CBS OData v3 table as a JSON document (see <see cref="CbsRawJson"/>).</summary>
    CbsJson,
}

/// <summary>
/// The versioned contract between one raw dataset and its silver table: the source header expected, the columns
/// written, the key and the accepted values checked afterwards. Bump <see cref="Version"/> whenever the columns or
/// the mapping change; every Parquet file carries it as <c>schema_version</c>.
/// </summary>
public sealed record DatasetSchema
{
    public required string Dataset { get; init; }
    public required string Bron { get; init; }
    public required string TableName { get; init; }
    public required int Version { get; init; }
    public required SourceFormat Format { get; init; }
    public required string Description { get; init; }
    public required string Origin { get; init; }
    public required IReadOnlyList<SilverColumn> Columns { get; init; }

    /// <summary>Source headers that must all be present (compared trimmed, case-insensitively).</summary>
    public IReadOnlyList<string> ExpectedHeaders { get; init; } = [];

    /// <summary>Regular expressions for repeating source headers (the DUO year columns); anything else is drift.</summary>
    public IReadOnlyList<string> HeaderPatterns { get; init; } = [];

    /// <summary>The columns that identify a row: checked for uniqueness after every load.</summary>
    public required IReadOnlyList<string> Key { get; init; }

    /// <summary>Columns that must never be null or empty.</summary>
    public IReadOnlyList<string> NotNull { get; init; } = [];

    /// <summary>Closed value sets (values compared as invariant strings).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AcceptedValues { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>For CBS: the columns depend on the table's DataProperties; <see cref="Columns"/> lists the fixed ones.</summary>
    public bool HasDynamicColumns { get; init; }

    public TableDefinition Table => new(LakeZones.Silver, TableName, Columns.Select(c => c.Column).ToList());

    /// <summary>Where bad rows of this table go: <c>silver/_rejects/{tabel}/{raw_sha256}.parquet</c>.</summary>
    public TableDefinition RejectsTable => RejectRows.TableFor(TableName);
}
