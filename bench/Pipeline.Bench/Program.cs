using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Microsoft.Extensions.Configuration;
using Pipeline.Core.Lake;
using Pipeline.Core.Silver;
using Pipeline.Bench;

// dotnet run -c Release --project bench/Pipeline.Bench -- [--mb 200] [--out artifacts/bench/silver.json] [--work DIR] [--keep] [--silver-only] [--budget MB]
// Multi-GB: --mb 4096 (needs ~3x that in free disk under --work: the CSV, silver's staged files and DuckDB's output).
var mb = 200L;
var output = Path.Combine("artifacts", "bench", "silver.json");
string? work = null;
var keep = false;
var silverOnly = false;
var budgetMB = Pipeline.Core.Silver.SilverOptions.DefaultMemoryBudgetMB;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--mb": mb = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--out": output = args[++i]; break;
        case "--work": work = args[++i]; break;
        case "--keep": keep = true; break;
        case "--silver-only": silverOnly = true; break;
        case "--budget": budgetMB = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}
work ??= Directory.CreateTempSubdirectory("pipeline-bench-").FullName;
var lakeDir = Path.Combine(work, "lake");
Directory.CreateDirectory(lakeDir);

try
{
    Console.WriteLine($"Generating a ~{mb} MB gediplomeerde-mbo-studenten CSV in {work} …");
    var csv = Path.Combine(work, "gediplomeerden.csv");
    var (sourceRows, sha) = DuoFileGenerator.Write(csv, mb * 1024 * 1024);
    var bytes = new FileInfo(csv).Length;
    var rawName = $"raw/duo/gediplomeerde-mbo-studenten/2026-11-20/{sha}.csv";
    var rawPath = Path.Combine(lakeDir, rawName.Replace('/', Path.DirectorySeparatorChar));
    Directory.CreateDirectory(Path.GetDirectoryName(rawPath)!);
    File.Move(csv, rawPath);
    Console.WriteLine($"{bytes / 1e6:0.0} MB, {sourceRows:N0} source rows.");

    GC.Collect(2, GCCollectionMode.Forced, true, true);
    var lake = new FileSystemLake(lakeDir);
    var staging = Path.Combine(work, "staging");
    Directory.CreateDirectory(staging);
    // The options as the pipeline reads them: Silver:MemoryBudgetMB sizes row groups, encoder queue and key set.
    var service = new SilverService(SilverOptions.FromConfiguration(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silver:StagingDirectory"] = staging, ["Silver:MemoryBudgetMB"] = budgetMB.ToString(CultureInfo.InvariantCulture),
        }).Build()));
    double silverSeconds;
    long silverPeak, silverRows;
    string silverStatus;
    var (allocatedBefore, pauseBefore) = (GC.GetTotalAllocatedBytes(true), GC.GetTotalPauseDuration());
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var workingSetBefore = Environment.WorkingSet;
    var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    using (var peak = new PeakMemory())
    {
        var sw = Stopwatch.StartNew();
        var result = await service.NormaliseAsync(lake, LakePath.Parse(rawName), "bench");
        silverSeconds = sw.Elapsed.TotalSeconds;
        silverPeak = peak.PeakBytes;
        Console.WriteLine($"silver: at the peak the GC had {peak.ManagedCommittedAtPeak / 1e6:0} MB committed, heap {peak.ManagedHeapAtPeak / 1e6:0} MB");
        silverRows = result.RowsOut;
        silverStatus = result.Status;
        if (result.Errors.Count > 0) Console.WriteLine(string.Join("\n", result.Errors));
    }
    var silverCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
    var silverAllocatedMB = (GC.GetTotalAllocatedBytes(true) - allocatedBefore) / 1e6;
    var silverGcPause = (GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds;
    var silverGcs = $"{GC.CollectionCount(0) - gcBefore.Item1}/{GC.CollectionCount(1) - gcBefore.Item2}/{GC.CollectionCount(2) - gcBefore.Item3}";
    Console.WriteLine($"silver: {silverStatus}, {silverRows:N0} rows in {silverSeconds:0.0} s, peak working set {silverPeak / 1e6:0} MB (before it started: {workingSetBefore / 1e6:0} MB)");
    Console.WriteLine($"silver: CPU {silverCpu:0.0} s, allocated {silverAllocatedMB:0} MB, GC pauses {silverGcPause:0.0} s, collections gen0/1/2 {silverGcs}");
    if (silverOnly) return silverStatus == "succeeded" ? 0 : 1; // quick iterations: no DuckDB, no report

    GC.Collect(2, GCCollectionMode.Forced, true, true);
    var duckOut = Path.Combine(work, "duckdb-out");
    var duckCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    double duckSeconds, duckCpu;
    long duckPeak, duckRows;
    using (var peak = new PeakMemory())
    {
        var sw = Stopwatch.StartNew();
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        using var cmd = db.CreateCommand();
        // The same job as silver: wide → long, -1 → null + onderdrukt, trimmed codes, Parquet partitioned by jaar.
        cmd.CommandText = $"""
            COPY (
              SELECT CAST(right(name, 4) AS INTEGER) AS jaar, trim(INSTELLINGSCODE) AS instellingscode,
                     nullif(trim(INSTELLINGSNAAM), '') AS instellingsnaam, nullif(trim("PLAATSNAAM INSTELLING"), '') AS plaatsnaam,
                     trim(LEERWEG) AS leerweg, CAST(NIVEAU AS INTEGER) AS niveau, trim("ERKENDE OPLEIDING CODE") AS crebo,
                     nullif(trim("ERKENDE OPLEIDING NAAM"), '') AS opleidingsnaam, nullif(trim("SECTORKAMER NAAM"), '') AS sectorkamer,
                     nullif(trim("HOOFDGROEP NAAM"), '') AS hoofdgroep,
                     CASE WHEN name LIKE 'DIPMAN%' THEN 'man' ELSE 'vrouw' END AS geslacht,
                     CASE WHEN v = '-1' THEN NULL ELSE CAST(v AS INTEGER) END AS aantal, v = '-1' AS onderdrukt, false AS voorlopig
              FROM (UNPIVOT (SELECT * FROM read_csv('{rawPath.Replace("'", "''")}', header = true, all_varchar = true))
                    ON COLUMNS('^DIP') INTO NAME name VALUE v)
            ) TO '{duckOut.Replace("'", "''")}' (FORMAT parquet, PARTITION_BY (jaar), OVERWRITE_OR_IGNORE)
            """;
        cmd.ExecuteNonQuery();
        duckSeconds = sw.Elapsed.TotalSeconds;
        duckCpu = (Process.GetCurrentProcess().TotalProcessorTime - duckCpuBefore).TotalSeconds;
        duckPeak = peak.PeakBytes;
        using var count = db.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM read_parquet('{duckOut.Replace("'", "''")}/**/*.parquet', hive_partitioning = true)";
        duckRows = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
    Console.WriteLine($"duckdb: {duckRows:N0} rows in {duckSeconds:0.0} s (CPU {duckCpu:0.0} s), peak working set {duckPeak / 1e6:0} MB");

    var report = new
    {
        generated = DateTimeOffset.UtcNow,
        machine = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.ToString(), dotnet = Environment.Version.ToString() },
        input = new { shape = "gediplomeerde-mbo-studenten (wide, 10 count columns)", bytes, source_rows = sourceRows },
        silver = new
        {
            status = silverStatus, seconds = silverSeconds, rows_out = silverRows, mb_per_s = bytes / 1e6 / silverSeconds,
            rows_out_per_s = silverRows / silverSeconds, peak_working_set_mb = silverPeak / 1e6,
            cpu_seconds = silverCpu, memory_budget_mb = budgetMB, working_set_before_mb = workingSetBefore / 1e6, allocated_mb = silverAllocatedMB, gc_pause_s = silverGcPause, gc_collections_gen0_1_2 = silverGcs,
        },
        duckdb = new
        {
            seconds = duckSeconds, cpu_seconds = duckCpu, rows_out = duckRows, mb_per_s = bytes / 1e6 / duckSeconds,
            rows_out_per_s = duckRows / duckSeconds, peak_working_set_mb = duckPeak / 1e6,
            note = "in-process DuckDB with its default threads; the working set includes what the silver phase left to the runtime",
        },
        load_average = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
        ratios = new { time_silver_over_duckdb = silverSeconds / duckSeconds, cpu_silver_over_duckdb = silverCpu / duckCpu, peak_memory_silver_over_duckdb = (double)silverPeak / duckPeak },
    };
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
    await File.WriteAllTextAsync(output, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"Wrote {output}");
    return silverStatus == "succeeded" && silverRows == duckRows ? 0 : 1;
}
finally
{
    if (!keep) try { Directory.Delete(work, true); } catch (IOException) { }
}
