using Pipeline.Core.Runs;

namespace Pipeline.Cli.Progress;

/// <summary>
/// Progress on a terminal: one line, rewritten in place (<c>\r</c> and erase-line) with the stage, the dataset and
/// bytes or rows done; redrawn at most every 100 ms except when a stage starts. Anything else printed meanwhile goes
/// through <see cref="WriteLine"/>, which clears the line first and redraws it after; <see cref="Clear"/> before the summary.
/// </summary>
public sealed class StatusLine(TextWriter output, int width, TimeProvider? clock = null) : IRunProgress
{
    /// <summary>Carriage return, then ANSI "erase the whole line".</summary>
    public const string Erase = "\r\u001b[2K";
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(100);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly object _gate = new();
    private string _text = "";
    private bool _shown;
    private DateTimeOffset _drawnAt = DateTimeOffset.MinValue;

    /// <summary>A status line for the console, as wide as the terminal.</summary>
    public static StatusLine ForConsole()
    {
        var width = 80;
        try { if (Console.WindowWidth > 0) width = Console.WindowWidth; }
        catch (IOException) { } // no window to ask: keep 80
        return new StatusLine(Console.Out, width);
    }

    public void StageStarted(string stage, string? dataset) => Show(ProgressText.Stage(stage, dataset), force: true);

    public void StageFinished(string stage, string? dataset, string status) =>
        Show($"{ProgressText.Stage(stage, dataset)} · {status}", force: false);

    public void BytesDone(string stage, string? dataset, long done, long? total) =>
        Show(ProgressText.Bytes(stage, dataset, done, total), force: false);

    public void RowsDone(string stage, string? dataset, long rows) => Show(ProgressText.Rows(stage, dataset, rows), force: false);

    /// <summary>Prints a line of its own (a log message) without mixing it into the status line.</summary>
    public void WriteLine(string line)
    {
        lock (_gate)
        {
            if (_shown) output.Write(Erase);
            output.WriteLine(line);
            _shown = false;
            if (_text.Length > 0) Draw();
        }
    }

    /// <summary>Erases the status line for good (before the summary).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            if (_shown) output.Write(Erase);
            output.Flush();
            _shown = false;
            _text = "";
        }
    }

    private void Show(string text, bool force)
    {
        lock (_gate)
        {
            _text = text;
            if (force || _clock.GetUtcNow() - _drawnAt >= RedrawEvery) Draw();
        }
    }

    private void Draw()
    {
        // One column short of the width: a line that fills it wraps on some terminals, and \r then returns to the wrong row.
        var text = _text.Length < width ? _text : _text[..Math.Max(0, width - 2)] + "…";
        output.Write(Erase + text);
        output.Flush();
        _shown = true;
        _drawnAt = _clock.GetUtcNow();
    }
}
