using Pipeline.Core.Lake;
using Pipeline.Core.Lake.Tables;

namespace Pipeline.Tests.Lake.Tables;

/// <summary>A table with a column of every kind the lake writes, and the metadata a silver file carries.</summary>
internal static class ProefTable
{
    public static readonly TableDefinition Table = new(LakeZones.Gold, "proef",
    [
        TableColumn.Int("jaar", "year"),
        TableColumn.Str("code", "code", nullable: false),
        TableColumn.Int("aantal", "count", nullable: true),
        TableColumn.Long("groot", "big"),
        TableColumn.Dbl("waarde", "value"),
        TableColumn.Bool("vlag", "flag"),
        TableColumn.Date("datum", "date"),
    ]);

    public static readonly Dictionary<string, string> Meta = new() { ["schema_version"] = "3", ["raw_sha256"] = "abc", ["run_id"] = "r1" };
}
