using Microsoft.Extensions.Logging;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Core.Silver;

namespace Pipeline.Core.Orchestration;

/// <summary>
/// The one entry point both the function triggers and the command-line verbs call. Each call is one run with its
/// manifest in <c>_runs/</c>. Stages that are not built yet are recorded as <c>not_implemented</c>, never faked.
/// </summary>
/// <param name="instance">Names this process in run manifests (host name and PID by default); two hosts must differ.</param>
/// <param name="silverOptions">Bad-row policy and row-group size for the silver stage (defaults when null).</param>
public sealed class PipelineService(ILakeStore lake, ILogger<PipelineService> log, TimeProvider? clock = null, string? instance = null,
    SilverOptions? silverOptions = null)
{
    private readonly SilverService _silver = new(silverOptions);

    public ILakeStore Lake => lake;

    /// <summary>The nightly refresh (and <c>pipeline refresh</c>): bronze → silver → gold → alerts.</summary>
    public async Task<RunManifest> RefreshAsync(string trigger, CancellationToken ct = default)
    {
        var run = new RunRecorder(lake, trigger, clock, instance);
        using var scope = log.BeginScope(new Dictionary<string, object> { ["run_id"] = run.RunId });
        log.LogInformation("Refresh {RunId} started by {Trigger}", run.RunId, trigger);
        run.NotImplemented("bronze", "fetching DUO, CBS and JOB-monitor sources is not built yet (issue 3)");
        run.NotImplemented("silver", "normalisation to Parquet is not built yet (issue 4)");
        run.NotImplemented("gold", "indicators, trajectories and alerts are not built yet (issue 5)");
        return await CompleteAsync(run, ct);
    }

    /// <summary>A new file in the raw zone: normalise its dataset, recompute gold, deliver alerts.</summary>
    public async Task<RunManifest> ProcessRawFileAsync(string rawName, CancellationToken ct = default)
    {
        var run = new RunRecorder(lake, "raw-file", clock, instance);
        using var scope = log.BeginScope(new Dictionary<string, object> { ["run_id"] = run.RunId, ["input"] = rawName });
        var path = LakePath.Parse(rawName);
        var dataset = path.IsRaw && path.Value.Split('/') is { Length: 5 } parts ? parts[2] : null;
        var stage = await run.StageAsync("silver", dataset, () => _silver.NormaliseStageAsync(lake, path, run.RunId, ct));
        if (stage.Status == StageStatuses.Failed)
            log.LogError("Silver failed for {Input}: {Errors}", rawName, string.Join("; ", stage.Errors));
        return await CompleteAsync(run, ct);
    }

    /// <summary>A new upload in <c>landing/</c> (JOB-monitor results, ambitions): ingest into raw.</summary>
    public async Task<RunManifest> IngestUploadAsync(string landingName, CancellationToken ct = default)
    {
        var run = new RunRecorder(lake, "upload", clock, instance);
        using var scope = log.BeginScope(new Dictionary<string, object> { ["run_id"] = run.RunId, ["input"] = landingName });
        var path = LakePath.Parse(landingName);
        run.Add(new StageRecord
        {
            Stage = "bronze", Status = StageStatuses.NotImplemented, Started = DateTimeOffset.UtcNow,
            Inputs = [new RunFile(path)], Message = "ingesting uploads into raw is not built yet (issue 3)",
        });
        return await CompleteAsync(run, ct);
    }

    private async Task<RunManifest> CompleteAsync(RunRecorder run, CancellationToken ct)
    {
        var manifest = await run.CompleteAsync(ct);
        log.LogInformation("Run {RunId} {Outcome}: {Stages}", run.RunId, manifest.Outcome,
            string.Join(", ", manifest.Stages.Select(s => $"{s.Stage}={s.Status}")));
        return manifest;
    }
}
