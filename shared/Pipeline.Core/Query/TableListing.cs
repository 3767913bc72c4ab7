using System.Text.Json;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Query;

/// <summary>
/// <c>pipeline query --tables</c>: every view, its columns with their DuckDB types and what they mean, from the schema
/// definitions the data dictionary is generated from; for CBS tables also the columns in the lake's <c>_columns.json</c>.
/// </summary>
public static class TableListing
{
    public static async Task WriteAsync(ILakeStore lake, TextWriter output, CancellationToken ct = default)
    {
        foreach (var table in QueryTable.All)
        {
            var partition = table.Definition.PartitionColumn;
            var columns = table.Definition.Columns
                .Select(c => (c.Name, Type: c.SqlType, Meaning: c.Name == partition ? c.Description + " [partition]" : c.Description))
                .ToList();
            if (table.HasDynamicColumns) columns.AddRange(await CbsColumnsAsync(lake, table, ct));
            output.WriteLine($"{table.Name} ({table.Definition.Zone}): {table.Description}");
            var width = columns.Max(c => c.Name.Length);
            foreach (var c in columns) output.WriteLine($"  {c.Name.PadRight(width)}  {c.Type,-7}  {c.Meaning}");
            output.WriteLine();
        }
        output.WriteLine("More in docs/lake.md. Example: pipeline query \"SELECT status, count(*) FROM trajecten GROUP BY 1\"");
    }

    /// <summary>The dimension and topic columns CBS described for this table at its first load (none before it).</summary>
    private static async Task<IReadOnlyList<(string Name, string Type, string Meaning)>> CbsColumnsAsync(
        ILakeStore lake, QueryTable table, CancellationToken ct)
    {
        var path = LakePath.Parse(table.Definition.Folder + "_columns.json");
        if (!await lake.ExistsAsync(path, ct)) return [];
        await using var s = await lake.OpenReadAsync(path, ct);
        using var doc = await JsonDocument.ParseAsync(s, cancellationToken: ct);
        if (!doc.RootElement.TryGetProperty("columns", out var notes)) return [];
        return notes.EnumerateArray().Select(n => (Text(n, "kolom"), Text(n, "type"), Text(n, "betekenis"))).ToList();
    }

    private static string Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}
