using Microsoft.Extensions.Logging;
using Pipeline.Core.Alerts;
using Pipeline.Core.Gold;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Core.Silver;
using Pipeline.Core.Sources;

namespace Pipeline.Core.Orchestration;

/// <summary>
/// The one entry point both the function triggers and the command-line verbs call. Each call is one run with its
/// manifest in <c>_runs/</c>. Stages that are not built yet are recorded as <c>not_implemented</c>, never faked.
/// </summary>
/// <param name="instance">Names this process in run manifests (host name and PID by default); two hosts must differ.</param>
/// <param name="silverOptions">Bad-row policy and row-group size for the silver stage (defaults when null).</param>
public sealed class PipelineService(
    ILakeStore lake, ILogger<PipelineService> log, BronzeService bronze, GoldService gold,
    PipelineInstance? instance = null, SilverOptions? silverOptions = null, TimeProvider? clock = null)
{
    private readonly SilverService _silver = new(silverOptions);

    public ILakeStore Lake => lake;

    /// <summary>The nightly refresh (and <c>pipeline refresh</c>): bronze → silver → gold → alerts.</summary>
    /// <param name="ambitions">An ambitions file given on the command line (<c>--ambitions</c>); otherwise the newest upload counts.</param>
    public async Task<RunManifest> RefreshAsync(string trigger, AmbitionsInput? ambitions = null, CancellationToken ct = default)
    {
        var run = new RunRecorder(lake, trigger, clock, instance?.Name);
        using var scope = log.BeginScope(new Dictionary<string, object> { ["run_id"] = run.RunId });
        log.LogInformation("Refresh {RunId} started by {Trigger}", run.RunId, trigger);
        var sources = await bronze.FetchAllAsync(run.RunId, ct);
        foreach (var source in sources)
            run.Add(BronzeStage(source));
        foreach (var raw in await RawFilesToNormaliseAsync(sources, ct))
            await SilverAsync(run, raw, ct);
        await gold.RunAsync(run, ambitions, OperatorAlertsFor(sources), ct);
        return await CompleteAsync(run, ct);
    }

    /// <summary>A new file in the raw zone: normalise its dataset, recompute gold, deliver alerts.</summary>
    public async Task<RunManifest> ProcessRawFileAsync(string rawName, CancellationToken ct = default)
    {
        var run = new RunRecorder(lake, "raw-file", clock, instance?.Name);
        using var scope = log.BeginScope(new Dictionary<string, object> { ["run_id"] = run.RunId, ["input"] = rawName });
        var path = LakePath.Parse(rawName);
        await SilverAsync(run, path, ct);
        await gold.RunAsync(run, ct: ct);
        return await CompleteAsync(run, ct);
    }

    /// <summary>A new upload in <c>landing/</c> (JOB-monitor results, ambitions): ingest into raw.</summary>
    public async Task<RunManifest> IngestUploadAsync(string landingName, CancellationToken ct = default)
    {
        var run = new RunRecorder(lake, "upload", clock, instance?.Name);
        using var scope = log.BeginScope(new Dictionary<string, object> { ["run_id"] = run.RunId, ["input"] = landingName });
        var path = LakePath.Parse(landingName);
        run.Add(BronzeStage(await bronze.IngestUploadAsync(path, run.RunId, ct)));
        return await CompleteAsync(run, ct);
    }

    /// <summary>One source dataset as a stage of the run: status, the URL or upload it came from, the raw file with its sha256.</summary>
    public static StageRecord BronzeStage(SourceResult r) => new()
    {
        Stage = "bronze", Dataset = $"{r.Bron}/{r.Dataset}", Started = r.Started, DurationMs = r.Duration.TotalMilliseconds,
        Status = r.Status switch
        {
            SourceStatus.Fetched => StageStatuses.Succeeded,
            SourceStatus.Unchanged => StageStatuses.Unchanged,
            _ => StageStatuses.Failed,
        },
        Inputs = r.Url is null ? [] : [new RunFile(r.Url)],
        Outputs = r.RawPath is null || r.Status == SourceStatus.Failed ? [] : [new RunFile(r.RawPath, r.Sha256, r.Rows)],
        Rows = r.Rows,
        Message = r.Status == SourceStatus.Failed ? null : $"{r.Status.ToString().ToLowerInvariant()}" + (r.Reason is null ? "" : $": {r.Reason}"),
        Errors = r.Status == SourceStatus.Failed ? [r.Reason ?? "failed"] : [],
    };

    private async Task SilverAsync(RunRecorder run, LakePath raw, CancellationToken ct)
    {
        var dataset = raw.IsRaw && raw.Value.Split('/') is { Length: 5 } parts ? parts[2] : null;
        var stage = await run.StageAsync("silver", dataset, () => _silver.NormaliseStageAsync(lake, raw, run.RunId, ct));
        if (stage.Status == StageStatuses.Failed)
            log.LogError("Silver failed for {Input}: {Errors}", raw, string.Join("; ", stage.Errors));
    }

    /// <summary>
    /// New raw files, plus current ones whose silver table was built from another file (a fix after a failed
    /// normalisation, or a table rebuilt by hand): silver always catches up with raw, never redoes what is current.
    /// </summary>
    private async Task<List<LakePath>> RawFilesToNormaliseAsync(IEnumerable<SourceResult> sources, CancellationToken ct)
    {
        var todo = new List<LakePath>();
        foreach (var s in sources.Where(s => s.RawPath is not null && s.Status != SourceStatus.Failed))
        {
            var raw = LakePath.Parse(s.RawPath!);
            if (s.Status == SourceStatus.Fetched) { todo.Add(raw); continue; }
            if (SilverSchemas.ForDataset(s.Dataset) is not { } schema) continue;
            var state = await SilverState.ReadAsync(lake, schema.TableName, ct);
            if (state?.Raw != raw.Value) todo.Add(raw);
        }
        return todo;
    }

    /// <summary>A source that could not be fetched is news for the operators (once per distinct reason).</summary>
    private static List<OperatorAlert> OperatorAlertsFor(IEnumerable<SourceResult> sources) =>
        sources.Where(s => s.Status == SourceStatus.Failed)
            .Select(s => new OperatorAlert(OperatorAlert.BronMislukt, $"Bron {s.Bron}/{s.Dataset} niet opgehaald",
                $"De bron {s.Bron}/{s.Dataset} kon niet worden opgehaald ({s.Url ?? "geen adres"}): {s.Reason ?? "onbekende fout"}. " +
                "De vorige goede gegevens blijven in gebruik."))
            .ToList();

    private async Task<RunManifest> CompleteAsync(RunRecorder run, CancellationToken ct)
    {
        var manifest = await run.CompleteAsync(ct);
        log.LogInformation("Run {RunId} {Outcome}: {Stages}", run.RunId, manifest.Outcome,
            string.Join(", ", manifest.Stages.Select(s => $"{s.Stage}={s.Status}")));
        return manifest;
    }
}
