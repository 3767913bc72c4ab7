using Pipeline.Core.Lake;
using Pipeline.Core.Runs;

namespace Pipeline.Bench.RealSize;

/// <summary>
/// One measured <c>pipeline refresh</c> in its own process, with where its time went according to the run manifest
/// it left in the lake (per stage kind: the summed stage durations; the slowest stages by name).
/// </summary>
public sealed record RefreshRun(string Name, int ExitCode, double WallSeconds, double CpuSeconds, double PeakRssMb, string? Outcome,
    IReadOnlyDictionary<string, double> StageSeconds, IReadOnlyList<string> SlowestStages, IReadOnlyDictionary<string, int> StageStatuses,
    long Requests, long NotModified, long BytesServed, string Summary)
{
    public static async Task<RefreshRun> MeasureAsync(string name, string cli, string lake, string ambitions, string mirror,
        Func<(long Requests, long NotModified, long Bytes)> serverCounts)
    {
        var environment = new Dictionary<string, string>
        {
            ["Sources__Duo__BaseUrl"] = mirror,
            ["Sources__Cbs__BaseUrl"] = mirror,
            ["Pipeline__InstanceName"] = "bench",
        };
        var (fileName, prefix) = Launcher(cli);
        Console.WriteLine($"{name}: pipeline refresh --lake {lake} --ambitions {ambitions} (sources at {mirror}) …");
        serverCounts();
        var child = await ChildProcess.RunAsync(fileName, [.. prefix, "refresh", "--lake", lake, "--ambitions", ambitions], environment);
        var (requests, notModified, bytes) = serverCounts();
        var manifest = await NewestManifestAsync(lake);
        var stages = manifest?.Stages ?? [];
        var run = new RefreshRun(name, child.ExitCode, child.Seconds, child.CpuSeconds, child.PeakRssMb, manifest?.Outcome,
            stages.GroupBy(s => s.Stage).ToDictionary(g => g.Key, g => Math.Round(g.Sum(s => s.DurationMs) / 1000, 3)),
            stages.OrderByDescending(s => s.DurationMs).Take(6)
                .Select(s => $"{s.Stage} {s.Dataset} {s.Status} {s.DurationMs / 1000:0.00} s{(s.Rows is { } r ? $", {r:N0} rows" : "")}").ToList(),
            stages.GroupBy(s => s.Status).ToDictionary(g => g.Key, g => g.Count()),
            requests, notModified, bytes, child.Output.Trim());
        Console.WriteLine($"  exit {run.ExitCode}, {run.WallSeconds:0.00} s (CPU {run.CpuSeconds:0.00} s), peak RSS {run.PeakRssMb:0} MB, {requests} requests ({notModified} × 304), "
            + $"{bytes / 1e6:0.0} MB served; stages: {string.Join(", ", run.StageSeconds.Select(kv => $"{kv.Key} {kv.Value:0.0} s"))}");
        if (child.ExitCode != 0) Console.WriteLine(child.Output + child.Error);
        return run;
    }

    /// <summary>The apphost when it is there, else <c>dotnet pipeline.dll</c>: either way the measured process is the program itself.</summary>
    private static (string FileName, string[] Prefix) Launcher(string cli) =>
        cli.EndsWith(".dll", StringComparison.Ordinal) ? ("dotnet", [cli]) : (cli, []);

    private static async Task<RunManifest?> NewestManifestAsync(string lake)
    {
        var store = new FileSystemLake(lake);
        RunManifest? newest = null;
        await foreach (var e in store.ListAsync(LakeZones.Runs + "/"))
            if (await RunRecorder.ReadAsync(store, e.Path) is { } m && (newest is null || m.Started > newest.Started)) newest = m;
        return newest;
    }
}
