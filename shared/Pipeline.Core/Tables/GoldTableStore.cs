using Pipeline.Core.Lake;
using Pipeline.Core.Lake.Tables;
using Pipeline.Core.Runs;

namespace Pipeline.Core.Tables;

/// <summary>
/// Writes and reads the gold tables through the lake's one Parquet path (<see cref="TableStore"/>,
/// <see cref="TableReader"/>), as silver is. Gold tables are rebuilt whole each run, so a write also removes the
/// partitions of years that no longer have rows.
/// </summary>
public static class GoldTableStore
{
    public const string SchemaVersion = "1";

    /// <summary>Replaces <paramref name="table"/> with <paramref name="rows"/>; returns the files written with their row counts.</summary>
    public static async Task<IReadOnlyList<RunFile>> ReplaceAsync(ILakeStore lake, TableDefinition table, IEnumerable<object?[]> rows,
        string runId, CancellationToken ct = default)
    {
        var metadata = new Dictionary<string, string> { ["schema_version"] = SchemaVersion, ["run_id"] = runId, ["table"] = table.Name };
        var written = await TableStore.WriteAsync(lake, table, rows, metadata, ct: ct);
        var keep = written.Select(f => table.PartitionOf(LakePath.Parse(f.Path)) ?? 0).ToHashSet();
        await TableStore.DeletePartitionsExceptAsync(lake, table, keep, ct);
        return written;
    }

    public static async Task<IReadOnlyList<TrajectRow>> ReadTrajectenAsync(ILakeStore lake, CancellationToken ct = default) =>
        (await TableReader.ReadRowsAsync(lake, GoldTables.Trajecten, ct)).Select(TrajectRow.FromValues).ToList();

    public static async Task<IReadOnlyList<IndicatorRow>> ReadIndicatorenAsync(ILakeStore lake, CancellationToken ct = default) =>
        (await TableReader.ReadRowsAsync(lake, GoldTables.Indicatoren, ct)).Select(IndicatorRow.FromValues).ToList();

    public static async Task<IReadOnlyList<AlertRow>> ReadAlertsAsync(ILakeStore lake, CancellationToken ct = default) =>
        (await TableReader.ReadRowsAsync(lake, GoldTables.Alerts, ct)).Select(AlertRow.FromValues).ToList();
}
