namespace Pipeline.Core.Sources;

public enum SourceStatus { Fetched, Unchanged, Failed }

/// <summary>What happened to one source dataset in one refresh.</summary>
public sealed record SourceResult
{
    /// <summary>DUO, CBS, JOB-monitor, ambities: how people name the source.</summary>
    public required string Label { get; init; }
    public required string Bron { get; init; }
    public required string Dataset { get; init; }
    /// <summary>For a package of several resources: the resource this result is about (its CKAN name).</summary>
    public string? Resource { get; init; }
    /// <summary>Something the operators should see although nothing failed (e.g. a resource that left the package).</summary>
    public string? Warning { get; init; }
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
        $"{Label} {Dataset}{(Resource is null ? "" : $" resource '{Resource}'")}: {Status.ToString().ToLowerInvariant()}"
        + (Reason is null ? "" : $" ({Reason})") + (Warning is null ? "" : $" WARNING: {Warning}") + (RawPath is null ? "" : $" → {RawPath}");
}
