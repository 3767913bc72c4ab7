using Pipeline.Core.Runs;
using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;

namespace Pipeline.Bench.Silver;

/// <summary>
/// <c>duckdb-child --csv FILE --out DIR</c>: DuckDB (in this process, default threads) does silver's job on the same
/// file: read the CSV, unpivot, <c>-1</c> → null + onderdrukt, trimmed codes, Parquet partitioned by <c>jaar</c>.
/// </summary>
public static class DuckDbChild
{
    public static int Run(string[] args)
    {
        var a = new BenchArgs(args, new HashSet<string> { "--csv", "--out" }, new HashSet<string>());
        var csv = a.Get("--csv")!.Replace("'", "''", StringComparison.Ordinal);
        var output = a.Get("--out")!.Replace("'", "''", StringComparison.Ordinal);
        var sw = Stopwatch.StartNew();
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = $"""
                COPY (
                  SELECT CAST(right(name, 4) AS INTEGER) AS jaar, trim(INSTELLINGSCODE) AS instellingscode,
                         nullif(trim(INSTELLINGSNAAM), '') AS instellingsnaam, nullif(trim("PLAATSNAAM INSTELLING"), '') AS plaatsnaam,
                         trim(LEERWEG) AS leerweg, CAST(NIVEAU AS INTEGER) AS niveau, trim("ERKENDE OPLEIDING CODE") AS crebo,
                         nullif(trim("ERKENDE OPLEIDING NAAM"), '') AS opleidingsnaam, nullif(trim("SECTORKAMER NAAM"), '') AS sectorkamer,
                         nullif(trim("HOOFDGROEP NAAM"), '') AS hoofdgroep,
                         CASE WHEN name LIKE 'DIPMAN%' THEN 'man' ELSE 'vrouw' END AS geslacht,
                         CASE WHEN v = '-1' THEN NULL ELSE CAST(v AS INTEGER) END AS aantal, v = '-1' AS onderdrukt, false AS voorlopig
                  FROM (UNPIVOT (SELECT * FROM read_csv('{csv}', header = true, all_varchar = true))
                        ON COLUMNS('^DIP') INTO NAME name VALUE v)
                ) TO '{output}' (FORMAT parquet, PARTITION_BY (jaar), OVERWRITE_OR_IGNORE)
                """;
            cmd.ExecuteNonQuery();
        }
        var seconds = sw.Elapsed.TotalSeconds;
        using var count = db.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM read_parquet('{output}/**/*.parquet', hive_partitioning = true)";
        var rows = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        new ChildReport("succeeded", rows, seconds, ProcStatus.CpuSeconds() ?? 0, ProcStatus.PeakResidentBytes() ?? 0).Print();
        return 0;
    }
}
