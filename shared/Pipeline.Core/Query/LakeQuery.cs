using System.Text;
using DuckDB.NET.Data;
using Pipeline.Core.Lake;
using Pipeline.Core.Lake.Tables;

namespace Pipeline.Core.Query;

/// <summary>
/// SQL over the lake with the embedded DuckDB: every silver and gold table the query reads (<see cref="QueryNeeds"/>)
/// is a view by its plain name over its Parquet files (Hive partitions as columns, files of different years unioned
/// by column name); on a Blob lake over a local copy of just the partitions it needs (<see cref="TableFiles"/>).
/// </summary>
public sealed class LakeQuery(ILakeStore lake, string? cacheDirectory = null)
{
    private readonly TableFiles _files = new(lake, cacheDirectory);

    /// <summary>Files this query object downloaded from a Blob lake into its cache (none on disk).</summary>
    public int FilesDownloaded => _files.Downloaded;

    /// <summary>Runs <paramref name="sql"/>; a wrong query throws <see cref="QueryException"/> with DuckDB's message.</summary>
    public async Task<QueryResult> RunAsync(string sql, CancellationToken ct = default)
    {
        using var db = new DuckDBConnection("Data Source=:memory:");
        await db.OpenAsync(ct);
        var tables = QueryTable.All;
        var needs = await QueryNeeds.ReadAsync(db, sql, tables.Select(t => t.Name), ct: ct);
        foreach (var table in tables.Where(t => needs.Uses(t.Name)))
            await ExecuteAsync(db, ViewSql(table, await _files.ForQueryAsync(table, needs.YearsOf(table.Name), ct)), ct);

        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        try
        {
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            // DuckDB.NET names types like its enum (Varchar, BigInt); upper case gives DuckDB's own spelling.
            var columns = Enumerable.Range(0, reader.FieldCount)
                .Select(i => new QueryColumn(reader.GetName(i), reader.GetDataTypeName(i).ToUpperInvariant())).ToList();
            var rows = new List<object?[]>();
            while (await reader.ReadAsync(ct))
            {
                var row = new object?[columns.Count];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
            return new QueryResult(columns, rows);
        }
        catch (DuckDBException e)
        {
            throw new QueryException(e.Message, e);
        }
    }

    /// <summary>A view over the table's files, or an empty view with the declared columns when it has none yet.</summary>
    private static string ViewSql(QueryTable table, IReadOnlyList<string> files)
    {
        var name = Quote(table.Name);
        var partition = table.Definition.PartitionColumn;
        if (files.Count > 0)
        {
            var list = string.Join(", ", files.Select(f => "'" + f.Replace('\\', '/').Replace("'", "''") + "'"));
            var hiveTypes = partition is null ? "" : $", hive_types = {{'{partition}': INTEGER}}";
            return $"CREATE VIEW {name} AS SELECT * FROM read_parquet([{list}], hive_partitioning = true, union_by_name = true{hiveTypes})";
        }
        var columns = table.Definition.FileColumns.Concat(table.Definition.Columns.Where(c => c.Name == partition));
        return $"CREATE VIEW {name} AS SELECT {string.Join(", ", columns.Select(EmptyColumn))} WHERE false";
    }

    private static string EmptyColumn(TableColumn c) => $"CAST(NULL AS {c.SqlType}) AS {Quote(c.Name)}";

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static async Task ExecuteAsync(DuckDBConnection db, string sql, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
