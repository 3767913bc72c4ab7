namespace Pipeline.Bench.Silver;

/// <summary>
/// <c>silver [--mb N] [--work DIR] [--keep] [--out FILE]</c>: a generated <c>gediplomeerde-mbo-studenten</c>-shaped CSV,
/// normalised by silver in one child process and by DuckDB in another, so each peak RSS is that engine's alone.
/// </summary>
public static class SilverBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var a = new BenchArgs(args, new HashSet<string> { "--mb", "--work", "--out" }, new HashSet<string> { "--keep" });
        var mb = (long)a.Get("--mb", 200);
        var output = a.Get("--out", BenchReport.DefaultPath($"silver-{mb}mb"));
        var work = a.Get("--work") is { } w ? Directory.CreateDirectory(w).FullName : Directory.CreateTempSubdirectory("pipeline-bench-").FullName;
        try
        {
            Console.WriteLine($"Generating a ~{mb} MB gediplomeerde-mbo-studenten CSV in {work} …");
            var lake = Path.Combine(work, "lake");
            var csv = Path.Combine(work, "gediplomeerden.csv");
            var (sourceRows, sha) = DuoFileGenerator.Write(csv, mb * 1024 * 1024);
            var bytes = new FileInfo(csv).Length;
            var rawName = $"raw/duo/gediplomeerde-mbo-studenten/2026-11-20/{sha}.csv";
            var rawPath = Path.Combine(lake, rawName.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(rawPath)!);
            File.Move(csv, rawPath);
            var staging = Directory.CreateDirectory(Path.Combine(work, "staging")).FullName;
            Console.WriteLine($"{bytes / 1e6:0.0} MB, {sourceRows:N0} source rows.");

            var silverRun = await ChildProcess.RunSelfAsync(["silver-child", "--lake", lake, "--raw", rawName, "--staging", staging]);
            var silver = ChildReport.Parse(silverRun);
            Console.WriteLine($"silver: {silver.Status}, {silver.Rows:N0} rows in {silver.Seconds:0.0} s (CPU {silver.CpuSeconds:0.0} s), peak RSS {silver.PeakRssBytes / 1e6:0} MB");
            var duckRun = await ChildProcess.RunSelfAsync(["duckdb-child", "--csv", rawPath, "--out", Path.Combine(work, "duckdb-out")]);
            var duck = ChildReport.Parse(duckRun);
            Console.WriteLine($"duckdb: {duck.Rows:N0} rows in {duck.Seconds:0.0} s (CPU {duck.CpuSeconds:0.0} s), peak RSS {duck.PeakRssBytes / 1e6:0} MB");

            await BenchReport.WriteAsync(output, "silver", new
            {
                input = new { shape = "gediplomeerde-mbo-studenten (wide, 10 count columns)", bytes, source_rows = sourceRows },
                gc_heap_hard_limit = Environment.GetEnvironmentVariable("DOTNET_GCHeapHardLimit"),
                silver = Engine(silver, silverRun, bytes),
                duckdb = Engine(duck, duckRun, bytes),
                ratios = new
                {
                    time_silver_over_duckdb = silver.Seconds / duck.Seconds,
                    cpu_silver_over_duckdb = silver.CpuSeconds / duck.CpuSeconds,
                    peak_rss_silver_over_duckdb = (double)silver.PeakRssBytes / duck.PeakRssBytes,
                },
            });
            return silver.Status == "succeeded" && silver.Rows == duck.Rows ? 0 : 1;
        }
        finally
        {
            if (!a.Has("--keep")) try { Directory.Delete(work, true); } catch (IOException) { }
        }
    }

    private static object Engine(ChildReport r, ChildResult process, long bytes) => new
    {
        status = r.Status, seconds = r.Seconds, cpu_seconds = r.CpuSeconds, rows_out = r.Rows,
        mb_per_s = bytes / 1e6 / r.Seconds, rows_out_per_s = r.Rows / r.Seconds,
        peak_rss_mb = r.PeakRssBytes / 1e6,
        process = new { exit_code = process.ExitCode, wall_seconds = process.Seconds, peak_rss_mb_sampled = process.PeakRssMb },
    };

}
