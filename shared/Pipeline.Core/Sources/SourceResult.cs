namespace Pipeline.Core.Sources;

public enum SourceStatus { Fetched, Unchanged, Failed }

/// <summary>What happened to one source dataset in one refresh.</summary>
public sealed record SourceResult
{
    /// <summary>DUO, CBS, JOB-monitor, ambities: how people name the source.</summary>
    public required string Label { get; init; }
    public required string Bron { get; init; }
    public required string Dataset { get; init; }
    public required SourceStatus Status { get; init; }
    /// <summary>Why it failed, or a short note (e.g. "304 Not Modified").</summary>
    public string? Reason { get; init; }
    public string? Url { get; init; }
    public string? RawPath { get; init; }
    public string? Sha256 { get; init; }
    public long? Size { get; init; }
    public long? Rows { get; init; }
    public DateTimeOffset Started { get; init; }
    public TimeSpan Duration { get; init; }

    public override string ToString() =>
        $"{Label} {Dataset}: {Status.ToString().ToLowerInvariant()}" + (Reason is null ? "" : $" ({Reason})") + (RawPath is null ? "" : $" → {RawPath}");
}
