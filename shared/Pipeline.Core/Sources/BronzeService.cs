using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Core.Sources.Cbs;
using Pipeline.Core.Sources.Duo;
using Pipeline.Core.Sources.Samples;
using Pipeline.Core.Sources.Uploads;

namespace Pipeline.Core.Sources;

/// <summary>Where the bronze stage takes its data from: the real sources, or the bundled snapshots.</summary>
public sealed record BronzeOptions(string? SamplesDirectory = null);

/// <summary>
/// The bronze stage: every configured source dataset fetched into raw. Sources are isolated: one failing (server
/// down, rejected at the door, bad metadata) is reported with its reason and never stops the others. Each dataset's
/// start and end go to <see cref="IRunProgress"/> (the results are recorded in the run by the caller).
/// </summary>
public sealed class BronzeService(
    SourceCatalog catalog, DuoSource duo, CbsSource cbs, UploadIngestor uploads, ILakeStore lake, BronzeOptions options,
    ILogger<BronzeService> log, IRunProgress? progress = null)
{
    private const string Stage = "bronze";
    private readonly IRunProgress _progress = progress ?? NoRunProgress.Instance;

    /// <summary>DUO datasets, CBS tables and pending uploads; one result per dataset (per upload file).</summary>
    public async Task<IReadOnlyList<SourceResult>> FetchAllAsync(string? runId = null, CancellationToken ct = default)
    {
        if (options.SamplesDirectory is { } samples)
            await SampleLanding.SeedAsync(lake, samples, ct);

        // The three groups talk to different servers, so they run side by side; within a group, one at a time.
        var duoTask = Task.Run(async () =>
        {
            var list = new List<SourceResult>();
            if (catalog.Duo.Enabled)
                foreach (var (dataset, o) in catalog.Duo.Datasets)
                    list.AddRange(await GuardAllAsync(DuoSource.Label, DuoSource.Bron, dataset, () => duo.FetchAsync(dataset, o, runId, ct), ct));
            return list;
        }, ct);
        var cbsTask = Task.Run(async () =>
        {
            var list = new List<SourceResult>();
            if (catalog.Cbs.Enabled)
                foreach (var (table, o) in catalog.Cbs.Tables)
                    list.Add(await GuardAsync(CbsSource.Label, CbsSource.Bron, table, () => cbs.FetchAsync(table, o, runId, ct), ct));
            return list;
        }, ct);
        var uploadTask = Task.Run(async () =>
        {
            if (!catalog.Uploads.Enabled) return new List<SourceResult>();
            var sw = Stopwatch.StartNew();
            var started = DateTimeOffset.UtcNow;
            try
            {
                _progress.StageStarted(Stage, LakeZones.Landing);
                var ingested = (await uploads.IngestPendingAsync(runId, ct)).Select(r => r with { Started = started, Duration = sw.Elapsed }).ToList();
                _progress.StageFinished(Stage, LakeZones.Landing, StatusOf(ingested));
                return ingested;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                _progress.StageFinished(Stage, LakeZones.Landing, StageStatuses.Failed);
                log.LogError(e, "Upload ingestion failed");
                return [new SourceResult { Label = "uploads", Bron = "landing", Dataset = "*", Status = SourceStatus.Failed, Reason = e.Message, Started = started, Duration = sw.Elapsed }];
            }
        }, ct);

        var all = (await duoTask).Concat(await cbsTask).Concat(await uploadTask).ToList();
        foreach (var r in all)
            if (r.Status == SourceStatus.Failed || r.Warning is not null) log.LogWarning("Bronze {Result}", r);
            else log.LogInformation("Bronze {Result}", r);
        return all;
    }

    /// <summary>One upload from <c>landing/</c> (the blob trigger).</summary>
    public Task<SourceResult> IngestUploadAsync(LakePath landing, string? runId = null, CancellationToken ct = default)
    {
        var folder = UploadFolders.For(landing.Value);
        return GuardAsync(folder?.Label ?? "upload", folder?.Bron ?? "landing", folder?.Dataset ?? landing.FileName,
            () => uploads.IngestAsync(landing, runId, ct), ct);
    }

    private async Task<SourceResult> GuardAsync(string label, string bron, string dataset, Func<Task<SourceResult>> fetch, CancellationToken ct) =>
        (await GuardAllAsync(label, bron, dataset, async () => [await fetch()], ct)).Single();

    /// <summary>A dataset that yields one result per resource; a failure before any resource is one failed result.</summary>
    private async Task<IReadOnlyList<SourceResult>> GuardAllAsync(string label, string bron, string dataset,
        Func<Task<IReadOnlyList<SourceResult>>> fetch, CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var sw = Stopwatch.StartNew();
        _progress.StageStarted(Stage, $"{bron}/{dataset}");
        try
        {
            var results = await fetch();
            _progress.StageFinished(Stage, $"{bron}/{dataset}", StatusOf(results));
            return results.Select(r => r with { Started = started, Duration = sw.Elapsed }).ToList();
        }
        catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            _progress.StageFinished(Stage, $"{bron}/{dataset}", StageStatuses.Failed);
            return [new SourceResult
            {
                Label = label, Bron = bron, Dataset = dataset, Status = SourceStatus.Failed, Started = started, Duration = sw.Elapsed,
                Reason = e is Http.SourceFetchException ? e.Message : $"{label} {dataset}: {e.GetType().Name}: {e.Message}",
                Url = (e as Http.SourceFetchException)?.Url,
            }];
        }
    }

    /// <summary>A dataset's results as one stage status: failed if any resource failed, else fetched if any was.</summary>
    private static string StatusOf(IReadOnlyCollection<SourceResult> results) =>
        results.Any(r => r.Status == SourceStatus.Failed) ? StageStatuses.Failed
        : results.Any(r => r.Status == SourceStatus.Fetched) ? StageStatuses.Succeeded
        : StageStatuses.Unchanged;
}
