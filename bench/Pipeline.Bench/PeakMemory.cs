using System.Diagnostics;

namespace Pipeline.Bench;

/// <summary>Samples this process's working set (managed and native, so DuckDB counts too) while a phase runs.</summary>
public sealed class PeakMemory : IDisposable
{
    private readonly Process _self = Process.GetCurrentProcess();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peak;

    public PeakMemory()
    {
        _sampler = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _self.Refresh();
                _peak = Math.Max(_peak, _self.WorkingSet64);
                try { await Task.Delay(20, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public long PeakBytes { get { _self.Refresh(); return Math.Max(_peak, _self.WorkingSet64); } }

    public void Dispose()
    {
        _stop.Cancel();
        _sampler.Wait();
        _stop.Dispose();
    }
}
