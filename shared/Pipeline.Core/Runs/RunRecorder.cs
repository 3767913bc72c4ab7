using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Core.Lake;
using Pipeline.Core.Observability;

namespace Pipeline.Core.Runs;

/// <summary>Collects the stages of one run and publishes the manifest to <c>_runs/{run_id}.json</c>.</summary>
public sealed class RunRecorder
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly ILakeStore _lake;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly IRunProgress _progress;
    private readonly List<StageRecord> _stages = [];
    private readonly object _gate = new();

    /// <param name="log">Every stage is logged with run id, stage and dataset as scope properties.</param>
    /// <param name="progress">Told when a stage starts and ends (the CLI's status line).</param>
    public RunRecorder(ILakeStore lake, string trigger, TimeProvider? clock = null, string? instance = null, ILogger? log = null,
        IRunProgress? progress = null)
    {
        _log = log ?? NullLogger.Instance;
        _progress = progress ?? NoRunProgress.Instance;
        _lake = lake;
        _clock = clock ?? TimeProvider.System;
        var now = _clock.GetUtcNow();
        RunId = $"{now:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..8]}";
        Manifest = new RunManifest
        {
            RunId = RunId, Trigger = trigger, Host = instance ?? DefaultInstance,
            ProgramVersion = ProgramVersion, Started = now,
        };
    }

    public string RunId { get; }
    public RunManifest Manifest { get; private set; }
    public IReadOnlyList<StageRecord> Stages { get { lock (_gate) return _stages.ToList(); } }

    public static string ProgramVersion { get; } =
        typeof(RunRecorder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static string DefaultInstance { get; } = Environment.MachineName + ":" + Environment.ProcessId;

    public static LakePath PathFor(string runId) => LakePath.Parse($"{LakeZones.Runs}/{runId}.json");

    /// <summary>
    /// Records a stage that finished (successfully or not) with its own figures; its errors, warnings and message are
    /// capped (<see cref="Capped"/>) so that no input can make the manifest or the log line unbounded.
    /// </summary>
    public StageRecord Add(StageRecord stage)
    {
        stage = stage with
        {
            Errors = Capped.List(stage.Errors), Warnings = Capped.List(stage.Warnings),
            Message = stage.Message is null ? null : Capped.Text(stage.Message, 4 * Capped.MaxChars),
        };
        lock (_gate) _stages.Add(stage);
        Observe(stage);
        using var scope = Scope(stage.Stage, stage.Dataset);
        _log.Log(stage.Status == StageStatuses.Failed ? LogLevel.Warning : LogLevel.Information,
            "Stage {Stage} {Dataset}: {Status} ({Rows} rows, {Bytes} bytes, {DurationMs:F0} ms) {Message}{Errors}",
            stage.Stage, stage.Dataset ?? "", stage.Status, stage.Rows, stage.Bytes, stage.DurationMs, stage.Message ?? "", string.Join("; ", stage.Errors));
        return stage;
    }

    /// <summary>A log scope with the run id, stage and dataset: every log line inside a stage carries them.</summary>
    private IDisposable? Scope(string stage, string? dataset) =>
        _log.BeginScope(new Dictionary<string, object?> { ["run_id"] = RunId, ["stage"] = stage, ["dataset"] = dataset });

    /// <summary>Runs <paramref name="work"/> as a timed stage; an exception becomes a failed stage, not a lost run.</summary>
    public async Task<StageRecord> StageAsync(string stage, string? dataset, Func<Task<StageRecord>> work)
    {
        var started = _clock.GetUtcNow();
        var sw = Stopwatch.StartNew();
        using var scope = Scope(stage, dataset);
        using var activity = PipelineTelemetry.Source.StartActivity($"{stage} {dataset}".TrimEnd());
        activity?.SetTag("run_id", RunId).SetTag("stage", stage).SetTag("dataset", dataset);
        _progress.StageStarted(stage, dataset);
        await using var memory = WorkingSetSampler.Start();
        StageRecord record;
        try
        {
            record = (await work()) with { Stage = stage, Dataset = dataset, Started = started, DurationMs = sw.Elapsed.TotalMilliseconds };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The message is capped (an input can make it huge); the stack trace says where.
            _log.LogError("Stage {Stage} {Dataset} threw {Exception}: {Error}\n{StackTrace}", stage, dataset, e.GetType().Name,
                Capped.Text(e.Message), e.StackTrace);
            record = new StageRecord
            {
                Stage = stage, Dataset = dataset, Status = StageStatuses.Failed, Started = started,
                DurationMs = sw.Elapsed.TotalMilliseconds, Errors = [Capped.Text(e.Message)],
            };
        }
        record = Add(record with { PeakWorkingSetMB = await memory.StopAsync() });
        _progress.StageFinished(stage, dataset, record.Status);
        activity?.SetTag("status", record.Status);
        if (record.Status == StageStatuses.Failed) activity?.SetStatus(ActivityStatusCode.Error, string.Join("; ", record.Errors));
        return record;
    }

    private void Observe(StageRecord record)
    {
        var tags = PipelineTelemetry.Tags(RunId, record.Stage, record.Dataset);
        PipelineTelemetry.Duration.Record(record.DurationMs, tags);
        if (record.Rows is { } rows) PipelineTelemetry.Rows.Add(rows, tags);
        if (record.Bytes is { } bytes) PipelineTelemetry.Bytes.Add(bytes, tags);
        if (record.Status == StageStatuses.Failed) PipelineTelemetry.Failures.Add(1, tags);
    }

    public async Task<RunManifest> CompleteAsync(CancellationToken ct = default)
    {
        var stages = Stages;
        Manifest = Manifest with
        {
            Ended = _clock.GetUtcNow(),
            Stages = stages,
            Outcome = stages.Any(s => s.Status == StageStatuses.Failed) ? RunOutcomes.Failed : RunOutcomes.Succeeded,
        };
        await _lake.WriteJsonAsync(PathFor(RunId), Manifest, Json, ct);
        return Manifest;
    }

    public static async Task<RunManifest?> ReadAsync(ILakeStore lake, LakePath path, CancellationToken ct = default)
    {
        await using var s = await lake.OpenReadAsync(path, ct);
        return await JsonSerializer.DeserializeAsync<RunManifest>(s, Json, ct);
    }
}
