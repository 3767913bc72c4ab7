using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Pipeline.Core.Alerts;
using Pipeline.Core.Gold;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Core.Silver;
using Pipeline.Core.Sources;

namespace Pipeline.Core.Orchestration;

/// <summary>What a refresh does after fetching.</summary>
public enum RefreshScope
{
    /// <summary>Fetch, normalise, compute gold, deliver alerts (the command line).</summary>
    Full,
    /// <summary>Fetch only; new raw files are normalised by the blob trigger (the nightly timer in the host).</summary>
    FetchOnly,
}

/// <summary>
/// The one entry point both the function triggers and the command-line verbs call. Each call is one run with its
/// manifest in <c>_runs/</c>. Every stage is idempotent, and publishing (silver, gold, alerts) happens under one lake
/// lock, so the same file delivered twice, two hosts, or the timer racing a blob trigger leave the same lake and send
/// no alert twice.
/// </summary>
/// <param name="instance">Names this process in run manifests (host name and PID by default); two hosts must differ.</param>
/// <param name="silverOptions">Bad-row policy and row-group size for the silver stage (defaults when null).</param>
/// <param name="freshness">Stale and failing sources become operator alerts after each refresh (defaults when null).</param>
/// <param name="progress">Stage starts and ends, silver rows: for someone watching (the CLI); nothing when null.</param>
public sealed class PipelineService(
    ILakeStore lake, ILogger<PipelineService> log, BronzeService bronze, GoldService gold, AlertService alerts,
    PipelineInstance? instance = null, SilverOptions? silverOptions = null, TimeProvider? clock = null,
    FreshnessMonitor? freshness = null, IRunProgress? progress = null)
{
    /// <summary>How long a run waits for another run's publishing to finish.</summary>
    public static readonly TimeSpan PublishLockWait = TimeSpan.FromMinutes(10);
    public const string PublishLock = "publish";

    /// <summary>
    /// Bronze (fetching, ingesting uploads) updates the raw pointers by read-modify-write; two runs at once would lose
    /// one's update. A lock of its own, so blob triggers that only publish are not held up by a slow download.
    /// </summary>
    public const string BronzeLock = "bronze";
    public static readonly TimeSpan BronzeLockWait = TimeSpan.FromMinutes(45);

    private readonly SilverService _silver = new(silverOptions, progress);

    public ILakeStore Lake => lake;

    /// <summary>The nightly refresh (and <c>pipeline refresh</c>): bronze → silver → gold → alerts (→ report).</summary>
    /// <param name="ambitions">
    /// An ambitions file given on the command line (<c>--ambitions</c>): it is put in <c>landing/ambities/</c> and goes
    /// through the same door as an upload, so once accepted it is the dataset's current file, in force on later runs too.
    /// </param>
    public async Task<RunManifest> RefreshAsync(string trigger, AmbitionsInput? ambitions = null, RefreshScope scope = RefreshScope.Full,
        CancellationToken ct = default)
    {
        var run = NewRun(trigger);
        using var _ = log.BeginScope(new Dictionary<string, object> { ["run_id"] = run.RunId });
        log.LogInformation("Refresh {RunId} started by {Trigger}", run.RunId, trigger);
        Raw.StagingFolder.Sweep(log, Path.GetTempPath(), silverOptions?.Writer.StagingDirectory);
        if (ambitions is not null) await LandAsync(ambitions, ct);
        IReadOnlyList<SourceResult> sources;
        // The sources are fetched together, so each bronze stage reports the peak of the whole fetch.
        await using var memory = WorkingSetSampler.Start();
        await using (var fetching = await lake.AcquireLockAsync(BronzeLock, BronzeLockWait, ct))
            sources = await bronze.FetchAllAsync(run.RunId, fetching.Token);
        var fetchPeakMB = await memory.StopAsync();
        foreach (var source in sources)
            run.Add(BronzeStage(source) with { PeakWorkingSetMB = fetchPeakMB });
        var operatorAlerts = OperatorAlertsFor(sources);
        operatorAlerts.AddRange(await (freshness ?? new FreshnessMonitor(lake, clock: clock)).EvaluateAsync(run, ct));

        await using (var held = await lake.AcquireLockAsync(PublishLock, PublishLockWait, ct))
        {
            var locked = held.Token; // a lost lock cancels the rest of the critical section
            // Per raw file, from the pointers: whatever an earlier run left between raw and silver is made good here.
            var backlog = await SilverBacklog.ToNormaliseAsync(lake, locked);
            if (scope == RefreshScope.FetchOnly)
            {
                // Files fetched by this run fire the blob trigger; here only what the trigger missed or failed on.
                var fetched = sources.Where(s => s.Status == SourceStatus.Fetched).Select(s => $"{LakeZones.Raw}/{s.Bron}/{s.Dataset}/").ToHashSet();
                backlog = backlog.Where(p => !fetched.Any(f => p.Value.StartsWith(f, StringComparison.Ordinal))).ToList();
            }
            foreach (var raw in backlog)
                if (await SilverAsync(run, raw, locked) is { Status: StageStatuses.Failed } failed)
                    operatorAlerts.Add(AlertTexts.RawFileRejected(raw.Value, failed.Errors));
            if (scope == RefreshScope.Full || backlog.Count > 0) await GoldAndAlertsAsync(run, operatorAlerts, locked);
            else await alerts.DeliverOperatorAlertsAsync(run, operatorAlerts, locked);
        }
        return await CompleteAsync(run, ct);
    }

    /// <summary>An ambitions file from the command line, into its landing folder under its own name (or <c>ambities.csv</c>).</summary>
    private async Task LandAsync(AmbitionsInput ambitions, CancellationToken ct)
    {
        var folder = Sources.Uploads.UploadFolders.Ambities.Folder;
        if (!LakePath.TryParse(folder + ambitions.Name, out var landing)) landing = LakePath.Parse(folder + "ambities.csv");
        await using var content = new MemoryStream(ambitions.Content, writable: false);
        await lake.WriteAsync(landing, content, ct);
    }

    /// <summary>
    /// A new file in the raw zone: normalise its dataset, recompute gold, deliver alerts. A failure is recorded and
    /// then thrown, so the trigger retries the file and, after <c>Pipeline:MaxAttempts</c>, hands it to
    /// <see cref="HandlePoisonAsync"/>.
    /// </summary>
    public async Task<RunManifest> ProcessRawFileAsync(string rawName, CancellationToken ct = default)
    {
        var run = NewRun("raw-file");
        var path = LakePath.Parse(rawName);
        using var _ = log.BeginScope(new Dictionary<string, object> { ["run_id"] = run.RunId, ["input"] = rawName });
        StageRecord silver;
        await using (var held = await lake.AcquireLockAsync(PublishLock, PublishLockWait, ct))
        {
            var locked = held.Token;
            silver = await SilverAsync(run, path, locked);
            if (silver.Status != StageStatuses.Failed)
                await GoldAndAlertsAsync(run, [], locked);
        }
        var manifest = await CompleteAsync(run, ct);
        if (silver.Status == StageStatuses.Failed)
        {
            await FailureRecord.SaveAsync(lake, path, run.RunId, silver.Errors, ct);
            throw new RawFileFailedException(path, silver.Errors);
        }
        await FailureRecord.ClearAsync(lake, path, ct);
        return manifest;
    }

    /// <summary>A new upload in <c>landing/</c> (JOB-monitor results, ambitions): ingest into raw.</summary>
    /// <param name="lockWait">
    /// How long to wait for the <c>bronze</c> lock (default <see cref="BronzeLockWait"/>). A trigger passes less than its
    /// function timeout: a long nightly fetch must not make a good upload time out, fail its attempts and be quarantined.
    /// </param>
    public async Task<RunManifest> IngestUploadAsync(string landingName, TimeSpan? lockWait = null, CancellationToken ct = default)
    {
        var run = NewRun("upload");
        using var _ = log.BeginScope(new Dictionary<string, object> { ["run_id"] = run.RunId, ["input"] = landingName });
        SourceResult result;
        await using var memory = WorkingSetSampler.Start();
        await using (var ingesting = await lake.AcquireLockAsync(BronzeLock, lockWait ?? BronzeLockWait, ct))
            result = await bronze.IngestUploadAsync(LakePath.Parse(landingName), run.RunId, ingesting.Token);
        run.Add(BronzeStage(result) with { PeakWorkingSetMB = await memory.StopAsync() });
        if (result.Status == SourceStatus.Failed)
            await DeliverNoticesAsync(run, [AlertTexts.UploadRejected(landingName, result.Reason)], ct);
        return await CompleteAsync(run, ct);
    }

    /// <summary>
    /// A file that kept failing (<c>Pipeline:MaxAttempts</c>, see <c>AttemptGuard</c>): keep a copy in
    /// <c>quarantine/poison/</c> with the reason, and tell the operators once. Other files are not held up by it.
    /// </summary>
    /// <param name="lastError">Why the last attempt failed, for files whose failure left no record of its own.</param>
    public async Task<RunManifest> HandlePoisonAsync(string name, string? lastError = null, CancellationToken ct = default)
    {
        var run = NewRun("poison");
        var path = LakePath.Parse(name);
        using var _ = log.BeginScope(new Dictionary<string, object> { ["run_id"] = run.RunId, ["input"] = name });
        var failure = await FailureRecord.ReadAsync(lake, path, ct);
        var reason = failure is null
            ? lastError ?? "the file failed every attempt (no error was recorded)"
            : string.Join("; ", failure.Errors) + $" (last run {failure.LastRunId})";
        var quarantined = Quarantine.PoisonPath(path);
        await run.StageAsync("poison", path.Zone, async () =>
        {
            var dataset = path.Value.Split('/') is { Length: >= 3 } parts ? $"{parts[1]}/{parts[2]}" : path.Zone;
            await new Quarantine(lake, clock).KeepCopyAsync(path, quarantined, new QuarantineReason
            {
                Stage = "poison", Dataset = dataset, Source = name, Reason = reason, RunId = failure?.LastRunId,
            }, ct);
            return new StageRecord
            {
                Stage = "poison", Status = StageStatuses.Succeeded, Started = default,
                Inputs = [new RunFile(path)], Outputs = [new RunFile(quarantined)], Message = reason,
            };
        });
        await DeliverNoticesAsync(run, [AlertTexts.Poison(name, quarantined.Value, reason)], ct);
        return await CompleteAsync(run, ct);
    }

    /// <summary>
    /// Operator notices outside a refresh (a refused upload, a poison file) under the publish lock: the outbox state is
    /// read-modify-write, and a refresh delivering at the same time would otherwise overwrite one of the two updates.
    /// </summary>
    private async Task DeliverNoticesAsync(RunRecorder run, IReadOnlyList<OperatorAlert> notices, CancellationToken ct)
    {
        await using var held = await lake.AcquireLockAsync(PublishLock, PublishLockWait, ct);
        await alerts.DeliverOperatorAlertsAsync(run, notices, held.Token);
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
        Bytes = r.Status == SourceStatus.Fetched ? r.Size : null,
        Message = r.Status == SourceStatus.Failed
            ? (r.Resource is null ? null : $"resource '{r.Resource}'")
            : (r.Resource is null ? "" : $"resource '{r.Resource}': ") + r.Status.ToString().ToLowerInvariant()
              + (r.Reason is null ? "" : $": {r.Reason}") + (r.Warning is null ? "" : $". WARNING: {r.Warning}"),
        Errors = r.Status == SourceStatus.Failed ? [r.Reason ?? "failed"] : [],
    };

    private RunRecorder NewRun(string trigger) => new(lake, trigger, clock, instance?.Name, log, progress);

    private Task<StageRecord> SilverAsync(RunRecorder run, LakePath raw, CancellationToken ct)
    {
        var dataset = raw.IsRaw && raw.Value.Split('/') is { Length: 5 } parts ? parts[2] : null;
        MemoryRelease.Now(); // Silver:MemoryBudgetMB is the whole process's: start from what is live, not what bronze left
        return run.StageAsync("silver", dataset, async () =>
        {
            var stage = await _silver.NormaliseStageAsync(lake, raw, run.RunId, ct);
            if (stage.Status == StageStatuses.Failed)
                log.LogError("Silver failed for {Input}: {Errors}", raw, Capped.Join("; ", stage.Errors));
            return stage;
        });
    }

    /// <summary>
    /// Gold, then alerts (the gold tables judged, <c>gold/alerts</c> written, one digest per channel), then the report
    /// of what they wrote. What gold found for the operators joins <paramref name="operatorAlerts"/>; if gold could not
    /// compute, the alerts stage still delivers the operator notices and retries what is pending.
    /// </summary>
    private async Task GoldAndAlertsAsync(RunRecorder run, List<OperatorAlert> operatorAlerts, CancellationToken ct)
    {
        MemoryRelease.Now();
        var summary = await gold.RunAsync(run, null, ct);
        if (summary is null)
        {
            await alerts.DeliverOperatorAlertsAsync(run, operatorAlerts, ct);
            return;
        }
        operatorAlerts.AddRange(OperatorAlertsFrom(summary));
        await alerts.RunAsync(run, summary.Instellingsnamen, summary.ComputedIn(run.RunId), operatorAlerts, ct);
        MemoryRelease.Now();
        await run.StageAsync("report", LakeZones.Reports, () => PublishReportAsync(ct));
    }

    /// <summary>What the gold stage found for the operators (a refused ambitions file, persisting warnings), worded by the alerts stage.</summary>
    public static IEnumerable<OperatorAlert> OperatorAlertsFrom(GoldSummary gold)
    {
        if (gold.RejectedAmbitions is { } r) yield return AlertTexts.AmbitionsRejected(r.FileName, r.Quarantined, r.Errors);
        foreach (var w in gold.PersistingWarnings) yield return AlertTexts.PersistingWarning(w.Indicator, w.Text, w.Runs, w.FirstRun, w.FirstSeen);
    }

    /// <summary>
    /// The HTML report in <c>reports/</c> reflects the gold tables, alerts included. A report that would show the same
    /// (same gold, alerts, names, ambitions, source freshness) is kept: rewriting it would change only its "gemaakt op".
    /// </summary>
    private async Task<StageRecord> PublishReportAsync(CancellationToken ct)
    {
        var published = await new Report.ReportPublisher(lake, clock: clock).PublishToLakeIfChangedAsync(ct);
        if (published.KeptFrom is { } made)
            return new StageRecord
            {
                Stage = "report", Started = default, Status = StageStatuses.Unchanged,
                Message = $"nothing the report shows has changed since it was made on {made:yyyy-MM-dd HH:mm} UTC: " +
                          $"{LakeZones.Reports}/ kept as it is",
            };
        var written = published.Pages;
        return new StageRecord
        {
            Stage = "report", Started = default, Status = StageStatuses.Succeeded, Rows = written.Count,
            Message = $"{written.Count} pages in {LakeZones.Reports}/", Outputs = written.Select(p => new RunFile(p.Value)).ToList(),
        };
    }

    /// <summary>A source that could not be fetched is news for the operators (once per distinct reason).</summary>
    /// <remarks>A refused upload is a quarantine alert: its text names the content-addressed quarantine file, so the same bytes are reported once.</remarks>
    private static List<OperatorAlert> OperatorAlertsFor(IEnumerable<SourceResult> sources) =>
        sources.Where(s => s.Status == SourceStatus.Failed)
            .Select(s => Sources.Uploads.UploadFolders.All.Any(f => f.Bron == s.Bron && f.Dataset == s.Dataset)
                ? AlertTexts.DatasetUploadRejected($"{s.Bron}/{s.Dataset}", s.Reason)
                : AlertTexts.SourceFailed($"{s.Bron}/{s.Dataset}", s.Url, s.Reason))
            .ToList();

    private async Task<RunManifest> CompleteAsync(RunRecorder run, CancellationToken ct)
    {
        var manifest = await run.CompleteAsync(ct);
        log.LogInformation("Run {RunId} {Outcome}: {Stages}", run.RunId, manifest.Outcome,
            string.Join(", ", manifest.Stages.Select(s => $"{s.Stage}={s.Status}")));
        return manifest;
    }
}

/// <summary>Thrown after a raw file's run was recorded as failed, so the host retries it.</summary>
public sealed class RawFileFailedException(LakePath path, IReadOnlyList<string> errors)
    : Exception($"Processing {path} failed: {string.Join("; ", errors)}")
{
    public LakePath Path { get; } = path;
}

/// <summary>The last failure of a file, kept in <c>_state/failures/</c> so the poison handler can say why.</summary>
public sealed record FailureRecord(string Path, string LastRunId, IReadOnlyList<string> Errors)
{
    private static LakePath StatePath(LakePath file) =>
        LakePath.Parse($"{LakeZones.State}/failures/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file.Value)))[..24]}.json");

    public static Task SaveAsync(ILakeStore lake, LakePath file, string runId, IReadOnlyList<string> errors, CancellationToken ct) =>
        lake.WriteJsonAsync(StatePath(file), new FailureRecord(file.Value, runId, errors), ct: ct);

    public static Task<FailureRecord?> ReadAsync(ILakeStore lake, LakePath file, CancellationToken ct) =>
        lake.ReadJsonAsync<FailureRecord>(StatePath(file), ct: ct);

    public static Task ClearAsync(ILakeStore lake, LakePath file, CancellationToken ct) => lake.DeleteAsync(StatePath(file), ct);
}
