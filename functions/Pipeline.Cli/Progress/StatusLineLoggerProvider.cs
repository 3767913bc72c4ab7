using Microsoft.Extensions.Logging;

namespace Pipeline.Cli.Progress;

/// <summary>
/// Log output on a terminal while the <see cref="StatusLine"/> shows: each message is printed through it (status line
/// cleared, message, status line again), so the two never share a line. The console logger writes from its own thread
/// and cannot be told to do that.
/// </summary>
public sealed class StatusLineLoggerProvider(StatusLine line) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(line, categoryName);

    public void Dispose() { }

    private sealed class Logger(StatusLine line, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var text = $"{Level(logLevel)}: {category}[{eventId.Id}] {formatter(state, exception)}";
            line.WriteLine(exception is null ? text : text + Environment.NewLine + exception);
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce", LogLevel.Debug => "dbug", LogLevel.Information => "info",
            LogLevel.Warning => "warn", LogLevel.Error => "fail", _ => "crit",
        };
    }
}
