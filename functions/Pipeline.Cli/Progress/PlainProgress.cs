using Pipeline.Core.Runs;

namespace Pipeline.Cli.Progress;

/// <summary>
/// Progress when the output is not a terminal (CI, a log file): timestamped lines for each stage's start and end,
/// and for long work a line per further tenth of a large download (10 MB or more, Content-Length known), or when 5 s
/// passed since the last line of that stage; never a line per chunk, and no control characters.
/// </summary>
public sealed class PlainProgress(TextWriter output, TimeProvider? clock = null) : IRunProgress
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);
    private const long Large = 10_000_000;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly object _gate = new();
    private readonly Dictionary<string, Shown> _shown = [];

    private sealed record Shown(DateTimeOffset At, long Done, long Tenth);

    public void StageStarted(string stage, string? dataset)
    {
        lock (_gate)
        {
            _shown[ProgressText.Stage(stage, dataset)] = new Shown(_clock.GetUtcNow(), 0, 0);
            Line($"{ProgressText.Stage(stage, dataset)} · started");
        }
    }

    public void StageFinished(string stage, string? dataset, string status)
    {
        lock (_gate)
        {
            _shown.Remove(ProgressText.Stage(stage, dataset));
            Line($"{ProgressText.Stage(stage, dataset)} · {status}");
        }
    }

    public void BytesDone(string stage, string? dataset, long done, long? total)
    {
        var tenth = total >= Large ? done * 10 / total.Value : 0;
        lock (_gate)
        {
            var key = ProgressText.Stage(stage, dataset);
            var now = _clock.GetUtcNow();
            // A dataset of several requests (CBS pages) starts again from 0 bytes: count its tenths afresh.
            var last = _shown.TryGetValue(key, out var s) && done >= s.Done ? s : new Shown(now, 0, 0);
            if (tenth > last.Tenth || now - last.At >= Quiet)
            {
                Line(ProgressText.Bytes(stage, dataset, done, total));
                _shown[key] = new Shown(now, done, tenth);
            }
            else _shown[key] = last with { Done = done };
        }
    }

    public void RowsDone(string stage, string? dataset, long rows)
    {
        lock (_gate)
        {
            var key = ProgressText.Stage(stage, dataset);
            var now = _clock.GetUtcNow();
            if (_shown.TryGetValue(key, out var last) && now - last.At < Quiet) return;
            Line(ProgressText.Rows(stage, dataset, rows));
            _shown[key] = new Shown(now, rows, 0);
        }
    }

    private void Line(string text) => output.WriteLine($"{_clock.GetLocalNow():HH:mm:ss} {text}");
}
