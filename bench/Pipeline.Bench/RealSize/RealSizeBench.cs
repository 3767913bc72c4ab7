using Pipeline.Bench.Inputs;

namespace Pipeline.Bench.RealSize;

/// <summary>
/// <c>real-size [--scale 10] [--cli PATH] [--work DIR] [--keep] [--out FILE]</c>: every DUO/CBS/JOB input at its real
/// size (<see cref="InputSnapshot"/>) served from a loopback mirror, and the built <c>pipeline</c> CLI run as its own
/// process: <c>refresh</c> on a fresh lake, the same command again at once (nothing changed), then <c>refresh</c> at
/// <c>--scale</c> × the real rows on another fresh lake. <c>--scale 0</c> measures the real size only (first run and
/// rerun), for iterating on one change; its figures carry no scaled run and no scaled ratio.
/// </summary>
public static class RealSizeBench
{
    public const string DefaultCli = "functions/Pipeline.Cli/bin/Release/net10.0/pipeline";

    public static async Task<int> RunAsync(string[] args)
    {
        var a = new BenchArgs(args, new HashSet<string> { "--scale", "--cli", "--work", "--out" }, new HashSet<string> { "--keep" });
        var scale = a.Get("--scale", 10.0);
        var cli = Path.GetFullPath(a.Get("--cli", DefaultCli));
        if (!File.Exists(cli) && File.Exists(cli + ".dll")) cli += ".dll";
        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"No pipeline CLI at {cli}: build it first (dotnet build -c Release functions/Pipeline.Cli) or pass --cli.");
            return 2;
        }
        var work = a.Get("--work") is { } w ? Directory.CreateDirectory(w).FullName : Directory.CreateTempSubdirectory("pipeline-real-size-").FullName;
        try
        {
            var real = await MeasureScaleAsync(1, rerun: true, cli, work);
            var (first, rerun) = (real.Runs[0], real.Runs[1]);
            if (scale <= 0)
            {
                await BenchReport.WriteAsync(a.Get("--out", BenchReport.DefaultPath("real-size-1x")), "real-size", new
                {
                    cli,
                    real_size = real,
                    ratios = new { rerun_over_first = rerun.WallSeconds / first.WallSeconds, cpu_rerun_over_first = rerun.CpuSeconds / first.CpuSeconds },
                    targets = RealSizeTargets(first, rerun),
                });
                return real.Runs.All(r => r.ExitCode == 0) ? 0 : 1;
            }
            var scaled = await MeasureScaleAsync(scale, rerun: false, cli, work);
            await BenchReport.WriteAsync(a.Get("--out", BenchReport.DefaultPath("real-size")), "real-size", new
            {
                cli,
                real_size = real,
                scaled,
                ratios = new
                {
                    rerun_over_first = rerun.WallSeconds / first.WallSeconds,
                    scaled_over_real = scaled.Runs[0].WallSeconds / first.WallSeconds,
                    cpu_rerun_over_first = rerun.CpuSeconds / first.CpuSeconds,
                    cpu_scaled_over_real = scaled.Runs[0].CpuSeconds / first.CpuSeconds,
                    scale,
                    scaled_peak_rss_over_real = scaled.Runs[0].PeakRssMb / first.PeakRssMb,
                },
                targets = new
                {
                    real_size = RealSizeTargets(first, rerun),
                    scaled_over_real = new { target = scale, measured = scaled.Runs[0].WallSeconds / first.WallSeconds,
                        met = scaled.Runs[0].WallSeconds / first.WallSeconds <= scale },
                },
            });
            return real.Runs.Concat(scaled.Runs).All(r => r.ExitCode == 0) ? 0 : 1;
        }
        finally
        {
            if (!a.Has("--keep")) try { Directory.Delete(work, true); } catch (IOException) { }
        }
    }

    private static object RealSizeTargets(RefreshRun first, RefreshRun rerun) => new
    {
        real_size_wall_s = new { target = 20.0, measured = first.WallSeconds, met = first.WallSeconds <= 20 },
        real_size_peak_rss_mb = new { target = 256.0, measured = first.PeakRssMb, met = first.PeakRssMb <= 256 },
        rerun_wall_s = new { target = 2.0, measured = rerun.WallSeconds, met = rerun.WallSeconds <= 2 },
    };

    private sealed record ScaleResult(double Scale, int Institutions, long InputBytes, long InputRows, double GenerationSeconds,
        IReadOnlyList<RefreshRun> Runs);

    private static async Task<ScaleResult> MeasureScaleAsync(double scale, bool rerun, string cli, string work)
    {
        var name = scale == 1 ? "real size" : $"{scale:0.#}× real size";
        Console.WriteLine($"Generating every input at {name} …");
        var snapshot = InputSnapshot.Write(Path.Combine(work, $"inputs-{scale:0.#}x"), scale);
        Console.WriteLine($"  {snapshot.Files.Count} files, {snapshot.Bytes / 1e6:0.0} MB, {snapshot.Rows:N0} rows, {snapshot.Institutions} institutions "
            + $"in {snapshot.Generation.TotalSeconds:0.0} s");
        var lake = Path.Combine(work, $"lake-{scale:0.#}x");
        var landing = Directory.CreateDirectory(Path.Combine(lake, "landing", "job")).FullName;
        foreach (var file in Directory.EnumerateFiles(snapshot.JobFolder))
            File.Copy(file, Path.Combine(landing, Path.GetFileName(file)));
        await using var mirror = await SnapshotServer.StartAsync(snapshot.Root);
        var runs = new List<RefreshRun>
        {
            await RefreshRun.MeasureAsync($"{name}, first run", cli, lake, snapshot.AmbitionsFile, mirror.BaseUrl, mirror.TakeCounts),
        };
        if (rerun)
            runs.Add(await RefreshRun.MeasureAsync($"{name}, rerun (nothing changed)", cli, lake, snapshot.AmbitionsFile, mirror.BaseUrl,
                mirror.TakeCounts));
        return new ScaleResult(scale, snapshot.Institutions, snapshot.Bytes, snapshot.Rows, snapshot.Generation.TotalSeconds, runs);
    }
}
