using Pipeline.Core.Alerts;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Core.Silver;

namespace Pipeline.Core.Orchestration;

/// <summary>
/// What <c>pipeline status</c> shows: per source dataset the current raw file and the silver table it feeds, gold
/// freshness, the last run and the alert outbox. <see cref="Problems"/> lists what needs an operator; the command's
/// exit code is 1 when there is any (<see cref="ExitCode"/>).
/// </summary>
public sealed record StatusReport
{
    public required string Lake { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    public required IReadOnlyList<DatasetStatus> Datasets { get; init; }
    public required GoldStatus Gold { get; init; }
    public RunStatus? LastRun { get; init; }
    public required AlertsStatus Alerts { get; init; }
    /// <summary>The last run failed, a dataset is stale or failing, silver lags raw, or gold lags silver.</summary>
    public required IReadOnlyList<string> Problems { get; init; }
    /// <summary>Raw files neither in their silver table's inputs nor in quarantine (<see cref="SilverBacklog"/>): each is a problem.</summary>
    public IReadOnlyList<UnaccountedRawFile> Unaccounted { get; init; } = [];
    /// <summary>Things the report could not read (a damaged run manifest): shown, not counted as problems.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public int ExitCode => Problems.Count == 0 ? 0 : 1;
}

public sealed record DatasetStatus
{
    public required string Bron { get; init; }
    public required string Dataset { get; init; }
    public string? RawFile { get; init; }
    public string? RawSha256 { get; init; }
    /// <summary>How many raw files are current (one per selected resource of a package); <see cref="RawFile"/> is the newest.</summary>
    public int RawFiles { get; init; }
    /// <summary>When this content was first retrieved (the sidecar's <c>retrieved_at</c>).</summary>
    public DateTimeOffset? RetrievedAt { get; init; }
    /// <summary>The source's own last-modified: CKAN's <c>last_modified</c> (no time zone, verbatim) or the HTTP header.</summary>
    public string? SourceLastModified { get; init; }
    public string? UploadedName { get; init; }
    public string? SilverTable { get; init; }
    public string? SilverRunId { get; init; }
    public DateOnly? SilverRawFetched { get; init; }
    public IReadOnlyList<int> SilverPartitions { get; init; } = [];
    /// <summary>True when every silver table of the dataset was built from its current raw files; null when it has none.</summary>
    public bool? SilverCurrent { get; init; }
    public required DatasetFreshness Freshness { get; init; }
}

public sealed record GoldStatus
{
    /// <summary>The newest run that wrote the gold tables.</summary>
    public string? LastRunId { get; init; }
    public DateTimeOffset? LastWritten { get; init; }
    /// <summary>The run of the newest silver change.</summary>
    public string? NewestSilverRunId { get; init; }
    /// <summary>No run after the last gold write changed silver; null when there is no silver yet.</summary>
    public bool? Current { get; init; }
    public IReadOnlyList<GoldTableStatus> Tables { get; init; } = [];
}

public sealed record GoldTableStatus(string Table, IReadOnlyList<int> Partitions, int Files, DateTimeOffset LastModified);

public sealed record RunStatus
{
    public required string RunId { get; init; }
    public required string Trigger { get; init; }
    public required string Host { get; init; }
    public required DateTimeOffset Started { get; init; }
    public DateTimeOffset? Ended { get; init; }
    public required string Outcome { get; init; }
    public int Stages { get; init; }
    public IReadOnlyList<FailedStage> FailedStages { get; init; } = [];
}

public sealed record FailedStage(string Stage, string? Dataset, IReadOnlyList<string> Errors);

public sealed record AlertsStatus
{
    public IReadOnlyList<ChannelBacklog> Pending { get; init; } = [];
    public int PendingTotal => Pending.Sum(p => p.Count);
    /// <summary>Alert keys whose status was queued once (the outbox's memory of what was already reported).</summary>
    public int Reported { get; init; }
}

public sealed record ChannelBacklog(string Channel, int Count, DateTimeOffset OldestQueued, int Attempts, string? LastError);

/// <summary>Reads the lake (pointers, sidecars, silver state, gold files, run manifests, alert state) into a <see cref="StatusReport"/>.</summary>
public sealed class StatusReportBuilder(ILakeStore lake, FreshnessOptions? options = null, TimeProvider? clock = null)
{
    /// <summary>A table is current when it was built from exactly the current raw files feeding it.</summary>
    private static bool IsCurrent(Raw.CurrentPointer? pointer, string table, SilverState? state)
    {
        if (pointer is null) return true;
        if (state is null) return false;
        return pointer.Resources.Count > 0
            ? state.InputShas.SetEquals(pointer.ResourcesOf(table).Select(r => r.Sha256))
            : state.RawSha256 == pointer.Sha256;
    }

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<StatusReport> BuildAsync(CancellationToken ct = default)
    {
        var history = new RunHistory(lake);
        var freshness = await new FreshnessMonitor(lake, options, _clock).AssessAsync(history: history, ct: ct);
        var pointers = await FreshnessMonitor.ReadPointersAsync(lake, ct);
        var problems = new List<string>();

        var unaccounted = await SilverBacklog.UnaccountedAsync(lake, ct);
        var datasets = new List<DatasetStatus>();
        var silverRuns = new List<string>();
        foreach (var f in freshness)
        {
            pointers.TryGetValue(f.Label, out var current);
            var tables = Datasets.DatasetCatalog.Find(f.Bron, f.Dataset)?.Tables ?? [];
            var states = new List<(string Table, SilverState? State)>();
            foreach (var t in tables) states.Add((t.Name, await SilverState.ReadAsync(lake, t.Name, ct)));
            silverRuns.AddRange(states.Select(x => x.State?.RunId).OfType<string>());
            var built = states.Select(x => x.State).OfType<SilverState>().ToList();
            var newest = built.MaxBy(x => x.RunId, StringComparer.Ordinal);
            var sidecar = current?.Sidecar;
            var d = new DatasetStatus
            {
                Bron = f.Bron, Dataset = f.Dataset, RawFile = current?.Pointer.Path, RawSha256 = current?.Pointer.Sha256,
                RawFiles = current?.Pointer.Files.Count ?? 0,
                RetrievedAt = sidecar?.RetrievedAt, UploadedName = sidecar?.UploadedName,
                SourceLastModified = sidecar?.CkanLastModified ?? sidecar?.CbsModified
                    ?? sidecar?.HttpLastModified?.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                SilverTable = tables.Count == 0 ? null : string.Join(", ", tables.Select(t => t.Name)),
                SilverRunId = built.Count < tables.Count ? null : newest?.RunId, SilverRawFetched = newest?.RawFetched,
                SilverPartitions = built.SelectMany(x => x.Partitions).Distinct().Order().ToList(),
                SilverCurrent = tables.Count == 0 || current is null ? null : states.All(x => IsCurrent(current.Pointer, x.Table, x.State)),
                Freshness = f,
            };
            datasets.Add(d);

            if (f.IsFailing)
                problems.Add($"{f.Label}: fetch failed on {f.ConsecutiveFailures} runs in a row since {f.FailingSince:yyyy-MM-dd} (limit {f.MaxConsecutiveFailures}): {f.LastError}");
            if (f.IsStale)
                problems.Add($"{f.Label}: stale, content unchanged since {f.ContentSince:yyyy-MM-dd} (max age {f.MaxAge!.Value.TotalDays:0.#} days)");
            // Accumulating uploads are owed file by file; other datasets are behind when not built from exactly their current files.
            var accumulates = Datasets.DatasetCatalog.Find(f.Bron, f.Dataset)?.Upload?.Accumulate == true;
            var owed = unaccounted.Where(u => u.Dataset == f.Label).ToList();
            if (accumulates || (owed.Count > 0 && d.SilverCurrent != false))
            {
                if (owed.Count > 0) datasets[^1] = d = d with { SilverCurrent = false };
                else if (d.SilverCurrent == false) datasets[^1] = d = d with { SilverCurrent = true };
                foreach (var u in owed)
                    problems.Add($"{u.Dataset}: raw file {u.Raw} is neither in silver table {u.Table} nor in quarantine (the next refresh normalises it)");
            }
            else if (d.SilverCurrent == false)
            {
                var behind = states.First(x => !IsCurrent(current?.Pointer, x.Table, x.State));
                problems.Add($"{f.Label}: silver table {behind.Table} " + (behind.State is null ? "has not been built"
                    : $"was built from {behind.State.Raw}, not from the current raw file{(current!.Pointer.Resources.Count > 0 ? "s" : "")}"));
            }
        }

        // Silver and gold are written in the same run, so gold is behind exactly when a run newer than the last gold
        // write changed a silver table (compared by history order, not by id: two runs can share a second).
        RunManifest? last = null, goldRun = null;
        string? silverAfterGold = null;
        // A gold stage that found its inputs unchanged since the recorded computation vouches for it as of that run:
        // the history need not be read further back, however many unchanged nights there were.
        var computed = await Gold.GoldComputation.ReadAsync(lake, ct);
        (string RunId, DateTimeOffset Written)? vouched = null;
        await foreach (var m in history.NewestFirstAsync(ct))
        {
            last ??= m;
            if (m.Stages.Any(s => s.Stage == "gold" && (s.Status == StageStatuses.Succeeded || s.Outputs.Count > 0))) { goldRun = m; break; }
            if (computed is not null && m.Stages.Any(s => s.Stage == "gold" && s.Status == StageStatuses.Unchanged))
            {
                vouched = (computed.RunId, computed.Computed);
                break;
            }
            if (silverAfterGold is null && silverRuns.Contains(m.RunId)) silverAfterGold = m.RunId;
        }
        var lastRun = last is null ? null : new RunStatus
        {
            RunId = last.RunId, Trigger = last.Trigger, Host = last.Host, Started = last.Started, Ended = last.Ended,
            Outcome = last.Outcome, Stages = last.Stages.Count,
            FailedStages = last.Stages.Where(s => s.Status == StageStatuses.Failed).Select(s => new FailedStage(s.Stage, s.Dataset, s.Errors)).ToList(),
        };
        if (lastRun?.Outcome == RunOutcomes.Failed)
            problems.Insert(0, $"last run {lastRun.RunId} ({lastRun.Trigger}) failed: " +
                string.Join("; ", lastRun.FailedStages.Select(s => $"{s.Stage} {s.Dataset}".TrimEnd() + ": " + string.Join("; ", s.Errors))));

        // A run that died leaves no manifest: silver it wrote may be ahead of gold, whatever the history says.
        var unfinished = new List<string>();
        foreach (var id in silverRuns.Distinct(StringComparer.Ordinal))
            if (!await lake.ExistsAsync(Runs.RunRecorder.PathFor(id), ct)
                && string.CompareOrdinal(goldRun?.RunId ?? vouched?.RunId ?? "", id) < 0) unfinished.Add(id);
        foreach (var id in unfinished.Order(StringComparer.Ordinal))
            problems.Add($"run {id} changed silver but never completed (the process died?); the next refresh recomputes gold");
        silverAfterGold ??= unfinished.Max(StringComparer.Ordinal);

        var newestSilver = silverAfterGold ?? silverRuns.Max(StringComparer.Ordinal);
        var gold = new GoldStatus
        {
            LastRunId = goldRun?.RunId ?? vouched?.RunId, LastWritten = goldRun?.Ended ?? goldRun?.Started ?? vouched?.Written,
            NewestSilverRunId = newestSilver,
            Current = newestSilver is null ? null : (goldRun is not null || vouched is not null) && silverAfterGold is null,
            Tables = await GoldTablesAsync(ct),
        };
        if (gold.Current == false)
            problems.Add(gold.LastRunId is null
                ? "gold: no run has written the gold tables yet, though silver exists"
                : $"gold: last written by run {gold.LastRunId}, before the newest silver change (run {newestSilver})");

        return new StatusReport
        {
            Lake = lake.Location, GeneratedAt = _clock.GetUtcNow(), Datasets = datasets, Gold = gold, LastRun = lastRun,
            Alerts = await AlertsAsync(ct), Problems = problems, Unaccounted = unaccounted, Warnings = history.Warnings.Distinct().ToList(),
        };
    }

    private async Task<IReadOnlyList<GoldTableStatus>> GoldTablesAsync(CancellationToken ct)
    {
        var files = new List<LakeEntry>();
        await foreach (var e in lake.ListAsync(LakeZones.Gold + "/", ct))
            if (e.Path.FileName.EndsWith(".parquet", StringComparison.Ordinal)) files.Add(e);
        return files.GroupBy(e => e.Path.Value.Split('/')[1]).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GoldTableStatus(g.Key,
                g.Select(e => e.Path.Value.Split('/') is { Length: > 2 } p && p[2].StartsWith("jaar=", StringComparison.Ordinal) &&
                              int.TryParse(p[2]["jaar=".Length..], System.Globalization.CultureInfo.InvariantCulture, out var j) ? j : (int?)null)
                    .OfType<int>().Distinct().Order().ToList(),
                g.Count(), g.Max(e => e.LastModified)))
            .ToList();
    }

    private async Task<AlertsStatus> AlertsAsync(CancellationToken ct)
    {
        var state = await AlertState.LoadAsync(lake, ct);
        return new AlertsStatus
        {
            Reported = state.Last.Count,
            Pending = state.Outbox.GroupBy(i => i.Channel).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ChannelBacklog(g.Key, g.Count(), g.Min(i => i.Queued), g.Max(i => i.Attempts),
                    g.Select(i => i.LastError).LastOrDefault(e => e is not null)))
                .ToList(),
        };
    }
}
