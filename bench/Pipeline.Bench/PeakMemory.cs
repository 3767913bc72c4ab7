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
                if (_self.WorkingSet64 > _peak)
                {
                    _peak = _self.WorkingSet64;
                    var gc = GC.GetGCMemoryInfo();
                    ManagedCommittedAtPeak = gc.TotalCommittedBytes;
                    ManagedHeapAtPeak = gc.HeapSizeBytes;
                }
                try { await Task.Delay(20, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    /// <summary>The garbage collector's committed memory and heap size (as of its last collection) when the peak was sampled.</summary>
    public long ManagedCommittedAtPeak { get; private set; }
    public long ManagedHeapAtPeak { get; private set; }

    public long PeakBytes { get { _self.Refresh(); return Math.Max(_peak, _self.WorkingSet64); } }

    public void Dispose()
    {
        _stop.Cancel();
        _sampler.Wait();
        _stop.Dispose();
    }
}
