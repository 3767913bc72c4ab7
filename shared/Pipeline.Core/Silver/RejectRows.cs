using Pipeline.Core.Lake;
using Pipeline.Core.Lake.Tables;

namespace Pipeline.Core.Silver;

/// <summary>The rejects table of a silver table: one file per raw file, <c>silver/_rejects/{tabel}/{raw_sha256}.parquet</c>.</summary>
public static class RejectRows
{
    public static TableDefinition TableFor(string tableName) => new(LakeZones.Silver, "_rejects/" + tableName,
    [
        TableColumn.Str("bestand", "The raw file the row came from.", nullable: false),
        TableColumn.Long("regel", "Line number in the raw file (header = line 1) or record number for JSON."),
        TableColumn.Str("kolom", "The column that could not be read.", nullable: false),
        TableColumn.Str("waarde", "The value as found (null when empty)."),
        TableColumn.Str("reden", "Why the value was rejected.", nullable: false),
    ], partitionColumn: null);

    public static object?[] Row(LakePath rawFile, RowIssue issue) => [rawFile.Value, issue.Line, issue.Column, issue.Value, issue.Reason];
}
