using System.Diagnostics;
using System.Globalization;
using Pipeline.Core.Runs;

namespace Pipeline.Tests.Reliability;

/// <summary>What a child <c>pipeline</c> process did.</summary>
/// <param name="PeakRssBytes">The process's peak resident set (VmHWM from /proc), sampled until it exited.</param>
/// <param name="Killed">True when the harness killed it (SIGKILL) at the requested point.</param>
public sealed record ChildResult(int ExitCode, string Output, string Error, long PeakRssBytes, bool Killed)
{
    public double PeakRssMb => PeakRssBytes / 1024.0 / 1024.0;
    public override string ToString() =>
        $"exit {ExitCode}{(Killed ? " (killed)" : "")}, peak RSS {PeakRssMb:F0} MB\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs the real <c>pipeline</c> program (functions/Pipeline.Cli's build output) as a child process, the way an
/// operator or the nightly job does: measures its peak RSS and can kill it with SIGKILL at a chosen moment, so the
/// reliability cases see exactly what a crash or a memory blow-up leaves behind.
/// </summary>
public static class ChildPipeline
{
    /// <summary>The limit every reliability case holds <c>pipeline refresh</c> to (issue 12).</summary>
    public const long MaxPeakRssBytes = 512L * 1024 * 1024;

    public static string Program()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(RepoRoot.Find(), "functions", "Pipeline.Cli", "bin", configuration, "net10.0", "pipeline.dll");
        Assert.IsTrue(File.Exists(dll), $"{dll} is missing: build functions/Pipeline.Cli first");
        return dll;
    }

    /// <param name="environment">Settings as environment variables (<c>Sources__Duo__BaseUrl</c>, …), as in production.</param>
    /// <param name="killWhen">Polled every few milliseconds while the child runs; when it returns true the child is killed with SIGKILL.</param>
    public static async Task<ChildResult> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null,
        Func<Task<bool>>? killWhen = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Program());
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.WorkingDirectory = workingDirectory ?? Path.GetTempPath();
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>()) psi.Environment[k] = v;

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        long peak = 0;
        var killed = false;
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (!p.HasExited)
        {
            peak = Math.Max(peak, ProcStatus.PeakResidentBytes(p.Id.ToString(CultureInfo.InvariantCulture)) ?? 0);
            if (!killed && killWhen is not null && await killWhen())
            {
                p.Kill(entireProcessTree: true); // SIGKILL: no finally blocks, no disposal, like a crashed machine
                killed = true;
            }
            if (DateTime.UtcNow > deadline)
            {
                p.Kill(entireProcessTree: true);
                Assert.Fail($"pipeline {string.Join(' ', args)} did not finish within {timeout ?? TimeSpan.FromMinutes(3)}");
            }
            await Task.Delay(10);
        }
        await p.WaitForExitAsync();
        return new ChildResult(p.ExitCode, await stdout, await stderr, peak, killed);
    }
}
