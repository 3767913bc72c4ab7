using System.Diagnostics;

namespace Pipeline.Core.Runs;

/// <summary>
/// The process's peak working set while one stage runs: sampled every 50 ms (and at start and stop), and the
/// operating system's own peak when the stage set a new one for the process, so a spike between samples is not
/// missed. Stages that run side by side share the process, so each reports the process's peak during it.
/// </summary>
internal sealed class WorkingSetSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private readonly CancellationTokenSource _stop = new();
    private readonly long _processPeakBefore = ProcessPeak();
    private readonly Task _loop;
    private long _max = Environment.WorkingSet;

    private WorkingSetSampler() => _loop = Task.Run(SampleAsync);

    public static WorkingSetSampler Start() => new();

    /// <summary>Stops sampling; the peak in MB (10^6 bytes, as the bench reports it).</summary>
    public async Task<double> StopAsync()
    {
        await DisposeAsync();
        var peak = Math.Max(_max, Environment.WorkingSet);
        var processPeak = ProcessPeak();
        if (processPeak > _processPeakBefore) peak = Math.Max(peak, processPeak);
        return Math.Round(peak / 1e6, 1);
    }

    /// <summary>Stops sampling (also when the stage threw before <see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync();
        await _loop;
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
                _max = Math.Max(_max, Environment.WorkingSet);
        }
        catch (OperationCanceledException) { /* stopped */ }
    }

    private static long ProcessPeak()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }
}
