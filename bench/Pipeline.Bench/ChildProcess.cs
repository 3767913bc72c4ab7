using Pipeline.Core.Runs;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Pipeline.Bench;

/// <summary>The outcome of a measured child process: exit code, wall time, CPU time, peak RSS and what it printed.</summary>
public sealed record ChildResult(int ExitCode, double Seconds, double CpuSeconds, long PeakRssBytes, string Output, string Error)
{
    public double PeakRssMb => PeakRssBytes / 1e6;
}

/// <summary>
/// Runs a program as its own process and measures it from outside: wall time from start to exit, peak RSS as the
/// last <c>VmHWM</c> read from <c>/proc/{pid}/status</c>, CPU time as the last user + system time read from
/// <c>/proc/{pid}/stat</c> (both sampled every 20 ms and only growing, so only the last 20 ms before exit can be missed).
/// </summary>
public static class ChildProcess
{
    public static async Task<ChildResult> RunAsync(string fileName, IEnumerable<string> args, IDictionary<string, string>? environment = null,
        string? workingDirectory = null, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        var output = new StringBuilder();
        var error = new StringBuilder();
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (error) error.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var pid = process.Id.ToString(CultureInfo.InvariantCulture);
        long peak = 0;
        double cpu = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, ProcStatus.PeakResidentBytes(pid) ?? 0);
            cpu = Math.Max(cpu, ProcStatus.CpuSeconds(pid) ?? 0);
            try { await Task.Delay(20, ct); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
        }
        await process.WaitForExitAsync(ct);
        var seconds = sw.Elapsed.TotalSeconds;
        return new ChildResult(process.ExitCode, seconds, cpu, peak, output.ToString(), error.ToString());
    }

    /// <summary>This program again (<c>dotnet Pipeline.Bench.dll</c> or its apphost) with other arguments.</summary>
    public static Task<ChildResult> RunSelfAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, CancellationToken ct = default)
    {
        var self = Environment.ProcessPath!;
        var isDotnetHost = Path.GetFileNameWithoutExtension(self) == "dotnet";
        var entry = typeof(ChildProcess).Assembly.Location;
        return RunAsync(self, isDotnetHost ? [entry, .. args] : args, environment, ct: ct);
    }
}
