using Pipeline.Core.Runs;
using System.Diagnostics;
using Pipeline.Core.Lake;
using Pipeline.Core.Silver;

namespace Pipeline.Bench.Silver;

/// <summary>
/// <c>silver-child --lake DIR --raw NAME --staging DIR</c>: normalises one raw file with <see cref="SilverService"/>
/// in a process of its own.
/// </summary>
public static class SilverChild
{
    public static async Task<int> RunAsync(string[] args)
    {
        var a = new BenchArgs(args, new HashSet<string> { "--lake", "--raw", "--staging" }, new HashSet<string>());
        // The app's defaults (Silver:MemoryBudgetMB 256 and what it sizes), only the staging folder moved.
        var defaults = new SilverOptions();
        var service = new SilverService(defaults with { Writer = defaults.Writer with { StagingDirectory = a.Get("--staging")! } });
        var sw = Stopwatch.StartNew();
        var result = await service.NormaliseAsync(new FileSystemLake(a.Get("--lake")!), LakePath.Parse(a.Get("--raw")!), "bench");
        var seconds = sw.Elapsed.TotalSeconds;
        foreach (var e in result.Errors) Console.Error.WriteLine(e);
        Console.Error.WriteLine($"gc: allocated {GC.GetTotalAllocatedBytes() / 1e9:0.00} GB, collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, pause {GC.GetTotalPauseDuration().TotalSeconds:0.0} s");
        new ChildReport(result.Status, result.RowsOut, seconds, ProcStatus.CpuSeconds() ?? 0, ProcStatus.PeakResidentBytes() ?? 0).Print();
        return result.Status == "succeeded" ? 0 : 1;
    }
}
