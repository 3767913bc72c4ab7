using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Pipeline.Functions;

/// <summary>
/// What the host takes from <c>host.json</c> (the Functions file format, so the file carries over unchanged):
/// <c>functionTimeout</c>, <c>extensions.queues.maxDequeueCount</c> (blob-trigger attempts before a blob is poison)
/// and <c>logging.logLevel</c>.
/// </summary>
public sealed record HostSettings(TimeSpan FunctionTimeout, int MaxDequeueCount, IReadOnlyDictionary<string, LogLevel> LogLevels)
{
    public static HostSettings Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"host.json not found at {path}; the host needs it for timeouts, retries and log levels.", path);
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = doc.RootElement;

        var timeout = TimeSpan.FromMinutes(30);
        if (root.TryGetProperty("functionTimeout", out var t) && !TimeSpan.TryParse(t.GetString(), out timeout))
            throw new FormatException($"{path}: functionTimeout '{t.GetString()}' is not a time span like 00:30:00.");

        var attempts = 5;
        if (root.TryGetProperty("extensions", out var ext) && ext.TryGetProperty("queues", out var q) &&
            q.TryGetProperty("maxDequeueCount", out var m))
            attempts = m.GetInt32();
        if (attempts < 1) throw new FormatException($"{path}: extensions.queues.maxDequeueCount must be at least 1.");

        var levels = new Dictionary<string, LogLevel>(StringComparer.OrdinalIgnoreCase);
        if (root.TryGetProperty("logging", out var lg) && lg.TryGetProperty("logLevel", out var ll))
            foreach (var p in ll.EnumerateObject())
                levels[p.Name] = Enum.TryParse<LogLevel>(p.Value.GetString(), true, out var lvl)
                    ? lvl
                    : throw new FormatException($"{path}: logging.logLevel.{p.Name} '{p.Value.GetString()}' is not a log level.");
        return new HostSettings(timeout, attempts, levels);
    }
}
