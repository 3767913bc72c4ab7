using System.Diagnostics;

namespace Pipeline.Core.Runs;

/// <summary>
/// Counts rows in a hot loop and passes the count on to <see cref="IRunProgress"/> every 65,536 rows or 250 ms,
/// whichever comes first; the clock is looked at only every 1,024 rows so the loop pays almost nothing.
/// </summary>
public sealed class RowProgress(IRunProgress progress, string stage, string? dataset)
{
    private const long EveryRows = 1 << 16;
    private const long ClockEveryRows = 1 << 10;
    private static readonly long EveryTicks = Stopwatch.Frequency / 4;
    private long _rows;
    private long _reported;
    private long _reportedAt = Stopwatch.GetTimestamp();

    public long Rows => _rows;

    public void Add()
    {
        _rows++;
        if (_rows - _reported >= EveryRows || (_rows % ClockEveryRows == 0 && Stopwatch.GetTimestamp() - _reportedAt >= EveryTicks))
            Report();
    }

    /// <summary>The final count, so the last figure shown is the true one.</summary>
    public void Report()
    {
        _reported = _rows;
        _reportedAt = Stopwatch.GetTimestamp();
        progress.RowsDone(stage, dataset, _rows);
    }
}
