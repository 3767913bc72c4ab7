using System.Text.Json.Serialization;

namespace Pipeline.Core.Runs;

/// <summary>One file per run at <c>_runs/{run_id}.json</c>: what came in, what went out, how long, what failed.</summary>
public sealed record RunManifest
{
    [JsonPropertyName("run_id")] public required string RunId { get; init; }
    [JsonPropertyName("trigger")] public required string Trigger { get; init; }
    [JsonPropertyName("host")] public required string Host { get; init; }
    [JsonPropertyName("program_version")] public required string ProgramVersion { get; init; }
    [JsonPropertyName("started")] public required DateTimeOffset Started { get; init; }
    [JsonPropertyName("ended")] public DateTimeOffset? Ended { get; init; }
    [JsonPropertyName("outcome")] public string Outcome { get; init; } = RunOutcomes.Running;
    [JsonPropertyName("stages")] public IReadOnlyList<StageRecord> Stages { get; init; } = [];
}

public sealed record StageRecord
{
    [JsonPropertyName("stage")] public required string Stage { get; init; }
    [JsonPropertyName("dataset")] public string? Dataset { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("started")] public required DateTimeOffset Started { get; init; }
    [JsonPropertyName("duration_ms")] public double DurationMs { get; init; }
    [JsonPropertyName("inputs")] public IReadOnlyList<RunFile> Inputs { get; init; } = [];
    [JsonPropertyName("outputs")] public IReadOnlyList<RunFile> Outputs { get; init; } = [];
    [JsonPropertyName("rows")] public long? Rows { get; init; }
    [JsonPropertyName("bytes")] public long? Bytes { get; init; }
    /// <summary>The process's peak working set while the stage ran, in MB (10^6 bytes): held against the memory budget.</summary>
    [JsonPropertyName("peak_working_set_mb")] public double? PeakWorkingSetMB { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("errors")] public IReadOnlyList<string> Errors { get; init; } = [];
    /// <summary>Problems that did not fail the stage but left something out (an indicator without a value, and why).</summary>
    [JsonPropertyName("warnings")] public IReadOnlyList<string> Warnings { get; init; } = [];
}

public sealed record RunFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sha256")] string? Sha256 = null,
    [property: JsonPropertyName("rows")] long? Rows = null);

public static class RunOutcomes
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

public static class StageStatuses
{
    public const string Succeeded = "succeeded";
    public const string Unchanged = "unchanged";
    public const string Failed = "failed";
}
