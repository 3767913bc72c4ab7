using Pipeline.Core.Lake;
using Pipeline.Core.Runs;

namespace Pipeline.Core.Silver;

/// <summary>What normalising one raw file did: figures, files written, checks, errors. Maps onto a run-manifest stage.</summary>
public sealed record SilverResult
{
    public required LakePath RawFile { get; init; }
    public string? RawSha256 { get; init; }
    public string? Dataset { get; init; }
    public string? Table { get; init; }
    public required string Status { get; init; }
    /// <summary>Every raw file the table was built from (the trigger's file alone when empty).</summary>
    public IReadOnlyList<RunFile> Inputs { get; init; } = [];
    public string? Message { get; init; }
    public long RowsIn { get; init; }
    public long RowsRejected { get; init; }
    public long RowsOut { get; init; }
    public IReadOnlyList<RunFile> Outputs { get; init; } = [];
    public IReadOnlyList<CheckResult> Checks { get; init; } = [];
    public IReadOnlyList<RowIssue> Issues { get; init; } = [];
    public IReadOnlyList<string> Errors { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public LakePath? Quarantined { get; init; }

    public StageRecord ToStageRecord(DateTimeOffset started, TimeSpan duration) => new()
    {
        Stage = "silver", Dataset = Dataset, Status = Status, Started = started, DurationMs = duration.TotalMilliseconds,
        Inputs = Inputs.Count > 0 ? Inputs : [new RunFile(RawFile.Value, RawSha256, RowsIn)],
        Outputs = Outputs, Rows = RowsOut,
        Message = string.Join(" ", new[] { Message, ChecksSummary, Warnings.Count > 0 ? "Warnings: " + string.Join("; ", Warnings) : null }
            .Where(s => !string.IsNullOrEmpty(s))),
        Errors = Errors,
    };

    private string? ChecksSummary => Checks.Count == 0 ? null
        : $"Checks: {Checks.Count(c => c.Passed)} passed, {Checks.Count(c => !c.Passed)} failed.";
}
