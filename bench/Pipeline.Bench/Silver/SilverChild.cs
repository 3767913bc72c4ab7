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
        var service = new SilverService(new SilverOptions { Writer = new() { StagingDirectory = a.Get("--staging")! } });
        var sw = Stopwatch.StartNew();
        var result = await service.NormaliseAsync(new FileSystemLake(a.Get("--lake")!), LakePath.Parse(a.Get("--raw")!), "bench");
        var seconds = sw.Elapsed.TotalSeconds;
        foreach (var e in result.Errors) Console.Error.WriteLine(e);
        new ChildReport(result.Status, result.RowsOut, seconds, ProcStatus.CpuSeconds() ?? 0, ProcStatus.PeakResidentBytes() ?? 0).Print();
        return result.Status == "succeeded" ? 0 : 1;
    }
}
