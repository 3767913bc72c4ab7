using System.Globalization;
using Microsoft.Extensions.Configuration;
using Pipeline.Core.Alerts;
using Pipeline.Core.Lake;
using Pipeline.Core.Raw;
using Pipeline.Core.Runs;

namespace Pipeline.Core.Orchestration;

/// <summary>
/// Source freshness settings (<c>Pipeline:Freshness</c>), like dbt source freshness. <c>MaxAge</c> is how long a
/// fetched dataset may keep the same content; DUO publishes once a year, hence the default of 400 days.
/// Uploaded datasets (JOB-monitor results, ambitions) arrive when people send them, so they are only checked for age
/// when a per-dataset <c>MaxAge</c> is set. <c>MaxAge</c> is a .NET TimeSpan (<c>"400"</c> is 400 days,
/// <c>"400.00:00:00"</c> too) or <c>off</c>.
/// </summary>
public sealed record FreshnessOptions
{
    public const string Section = "Pipeline:Freshness";
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(400);
    public const int DefaultMaxConsecutiveFailures = 3;

    /// <summary>Null: no age check (<c>off</c>).</summary>
    public TimeSpan? MaxAge { get; init; } = DefaultMaxAge;
    /// <summary>Per raw dataset id (<c>Pipeline:Freshness:Datasets:{dataset}:MaxAge</c>); a null value is <c>off</c>.</summary>
    public IReadOnlyDictionary<string, TimeSpan?> DatasetMaxAge { get; init; } = new Dictionary<string, TimeSpan?>(StringComparer.OrdinalIgnoreCase);
    public int MaxConsecutiveFailures { get; init; } = DefaultMaxConsecutiveFailures;

    /// <summary>The age limit for one dataset; null when its age is not checked.</summary>
    public TimeSpan? MaxAgeFor(string dataset, bool isUpload) =>
        DatasetMaxAge.TryGetValue(dataset, out var own) ? own : isUpload ? null : MaxAge;

    public static FreshnessOptions FromConfiguration(IConfiguration config)
    {
        var section = config.GetSection(Section);
        var perDataset = new Dictionary<string, TimeSpan?>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in section.GetSection("Datasets").GetChildren())
            if (d["MaxAge"] is { } v) perDataset[d.Key] = ParseAge($"{Section}:Datasets:{d.Key}:MaxAge", v);
        var failures = DefaultMaxConsecutiveFailures;
        if (section["MaxConsecutiveFailures"] is { } f &&
            (!int.TryParse(f, NumberStyles.Integer, CultureInfo.InvariantCulture, out failures) || failures < 1))
            throw new InvalidOperationException($"{Section}:MaxConsecutiveFailures must be a whole number of at least 1, not '{f}'.");
        return new FreshnessOptions
        {
            MaxAge = section["MaxAge"] is { } a ? ParseAge($"{Section}:MaxAge", a) : DefaultMaxAge,
            DatasetMaxAge = perDataset,
            MaxConsecutiveFailures = failures,
        };
    }

    private static TimeSpan? ParseAge(string key, string value)
    {
        if (value.Trim().Equals("off", StringComparison.OrdinalIgnoreCase)) return null;
        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var t) && t > TimeSpan.Zero) return t;
        throw new InvalidOperationException($"{key} must be a positive TimeSpan ('400' is 400 days, '400.00:00:00' too) or 'off', not '{value}'.");
    }
}

/// <summary>Freshness of one source dataset (<c>{bron}/{dataset}</c>).</summary>
public sealed record DatasetFreshness
{
    public const string Ok = "ok";
    public const string Stale = "stale";
    public const string Failing = "failing";

    public required string Bron { get; init; }
    public required string Dataset { get; init; }
    public string Label => $"{Bron}/{Dataset}";
    /// <summary>The current raw file, if there is one.</summary>
    public string? CurrentRaw { get; init; }
    /// <summary>Since when the current content is current: the pointer moves only when the content changes.</summary>
    public DateTimeOffset? ContentSince { get; init; }
    public TimeSpan? MaxAge { get; init; }
    public bool IsStale { get; init; }
    /// <summary>Fetches that failed in a row, newest first, up to the first that did not fail.</summary>
    public int ConsecutiveFailures { get; init; }
    public int MaxConsecutiveFailures { get; init; }
    public bool IsFailing => ConsecutiveFailures >= MaxConsecutiveFailures;
    /// <summary>The first failed run of the current streak: fixed while the streak lasts.</summary>
    public string? FailingSinceRun { get; init; }
    public DateTimeOffset? FailingSince { get; init; }
    public string? FirstError { get; init; }
    public string? LastError { get; init; }
    public string State => IsFailing ? Failing : IsStale ? Stale : Ok;
}

/// <summary>
/// Decides which source datasets are stale (content unchanged for longer than <see cref="FreshnessOptions.MaxAge"/>)
/// or failing (fetch failed on <see cref="FreshnessOptions.MaxConsecutiveFailures"/> refresh runs in a row), from the
/// current pointers and the run manifests, and words the operator alerts. An alert's text names the condition and the
/// date it started (never today's date or a running count), so its id stays the same night after night and the
/// outbox reports it once; a new condition (new content gone stale, a new streak of failures) is reported again.
/// </summary>
public sealed class FreshnessMonitor(ILakeStore lake, FreshnessOptions? options = null, TimeProvider? clock = null)
{
    /// <summary>A dataset that fails for ever would make every run read all manifests; this bounds the scan.</summary>
    public const int MaxRunsScanned = 1000;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public FreshnessOptions Options { get; } = options ?? new FreshnessOptions();

    /// <summary>
    /// The operator alerts for stale and failing datasets. <paramref name="inProgress"/> is the run calling (its
    /// manifest is not written yet, but its bronze stages count as the newest attempt). A lake state the check cannot
    /// read (a damaged pointer) is itself reported, and never stops the run it is part of.
    /// </summary>
    public async Task<IReadOnlyList<OperatorAlert>> EvaluateAsync(RunRecorder? inProgress = null, CancellationToken ct = default)
    {
        try
        {
            return (await AssessAsync(inProgress, ct: ct)).SelectMany(AlertsFor).ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return [AlertTexts.FreshnessUnreadable(FreshnessOptions.Section, lake.Location, e.Message)];
        }
    }

    /// <summary>Freshness of every dataset with a current pointer or a fetch attempt in recent runs, in label order.</summary>
    public async Task<IReadOnlyList<DatasetFreshness>> AssessAsync(RunRecorder? inProgress = null, RunHistory? history = null, CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        var pointers = await ReadPointersAsync(lake, ct);
        // Uploads arrive now and then, so waiting for an upload's last attempt could mean reading years of runs.
        var fetched = pointers.Where(kv => kv.Value.Sidecar?.UploadedName is null).Select(kv => kv.Key);
        var streaks = await StreaksAsync(fetched, inProgress, history ?? new RunHistory(lake), ct);

        var result = new List<DatasetFreshness>();
        foreach (var label in pointers.Keys.Union(streaks.Keys).Order(StringComparer.Ordinal))
        {
            var (bron, dataset) = Split(label);
            pointers.TryGetValue(label, out var current);
            streaks.TryGetValue(label, out var streak);
            var maxAge = Options.MaxAgeFor(dataset, current?.Sidecar?.UploadedName is not null);
            var since = current?.Since;
            result.Add(new DatasetFreshness
            {
                Bron = bron, Dataset = dataset, CurrentRaw = current?.Pointer.Path, ContentSince = since, MaxAge = maxAge,
                IsStale = since is { } s && maxAge is { } max && now - s > max,
                ConsecutiveFailures = streak?.Count ?? 0, MaxConsecutiveFailures = Options.MaxConsecutiveFailures,
                FailingSinceRun = streak?.FirstRun, FailingSince = streak?.FirstStarted, FirstError = streak?.FirstError, LastError = streak?.LastError,
            });
        }
        return result;
    }

    /// <summary>The operator alerts one dataset's freshness calls for (none, one or two).</summary>
    public static IEnumerable<OperatorAlert> AlertsFor(DatasetFreshness f)
    {
        if (f.IsStale && f.ContentSince is { } since && f.MaxAge is { } max)
            yield return AlertTexts.SourceStale(f.Label, since, max, FreshnessOptions.Section, f.CurrentRaw);
        if (f.IsFailing && f.FailingSinceRun is { } run)
            yield return AlertTexts.SourceFailing(f.Label, f.MaxConsecutiveFailures, run, f.FailingSince, f.FirstError, f.CurrentRaw);
    }

    internal static (string Bron, string Dataset) Split(string label) =>
        label.IndexOf('/') is var i and > 0 ? (label[..i], label[(i + 1)..]) : (label, "");

    /// <summary>A current pointer with its sidecar, if readable.</summary>
    public sealed record Current(CurrentPointer Pointer, RawSidecar? Sidecar)
    {
        /// <summary>Pointers written before <c>updated_at</c> existed fall back to the sidecar's first retrieval.</summary>
        public DateTimeOffset? Since => Pointer.UpdatedAt != default ? Pointer.UpdatedAt : Sidecar?.RetrievedAt;
    }

    /// <summary>Every <c>_state/raw/{bron}/{dataset}/current.json</c>, by label.</summary>
    public static async Task<Dictionary<string, Current>> ReadPointersAsync(ILakeStore lake, CancellationToken ct)
    {
        var result = new Dictionary<string, Current>(StringComparer.Ordinal);
        var found = new List<(string, string)>();
        await foreach (var e in lake.ListAsync($"{LakeZones.State}/raw/", ct))
            if (e.Path.Value.Split('/') is [_, "raw", var bron, var dataset, "current.json"]) found.Add((bron, dataset));
        foreach (var (bron, dataset) in found)
        {
            if (await CurrentPointer.ReadAsync(lake, bron, dataset, ct) is not { } p) continue;
            RawSidecar? sidecar = null;
            if (p.Sidecar.Length > 0 && LakePath.Parse(p.Sidecar) is var sc && await lake.ExistsAsync(sc, ct))
                sidecar = await RawWriter.ReadSidecarAsync(lake, sc, ct);
            result[$"{bron}/{dataset}"] = new Current(p, sidecar);
        }
        return result;
    }

    private sealed class Streak
    {
        public int Count;
        public bool Closed;
        /// <summary>The scan goes on until every blocking streak is closed; others are counted as far as the scan goes.</summary>
        public bool Blocking;
        public string? FirstRun, FirstError, LastError;
        public DateTimeOffset? FirstStarted;
    }

    /// <summary>
    /// Per dataset label, the failed fetches in a row from the newest attempt back. A run counts for a dataset when it
    /// has bronze stages for it, and as failed when all of them failed (one rejected upload beside a good one is the
    /// quarantine's news, not a failing source). Runs without the dataset (raw-file runs) neither count nor break.
    /// The manifests are read newest first only until the streak of every fetched dataset (and of every dataset the
    /// run in progress tried) has ended, and never more than <see cref="MaxRunsScanned"/>: on a normal night the run in
    /// progress settles everything and no manifest is read.
    /// </summary>
    private async Task<Dictionary<string, Streak>> StreaksAsync(IEnumerable<string> blocking, RunRecorder? inProgress, RunHistory history, CancellationToken ct)
    {
        var streaks = new Dictionary<string, Streak>(StringComparer.Ordinal);
        foreach (var label in blocking) streaks[label] = new Streak { Blocking = true };
        var noneKnown = streaks.Count == 0 && inProgress is null;

        void Take(string runId, DateTimeOffset started, IReadOnlyList<StageRecord> stages, bool block)
        {
            foreach (var g in stages.Where(s => s.Stage == "bronze" && s.Dataset is not null).GroupBy(s => s.Dataset!))
            {
                // "landing/*" is the upload ingestion as a whole failing, not a dataset: no success ever ends it.
                if (!streaks.TryGetValue(g.Key, out var st))
                    streaks[g.Key] = st = new Streak { Blocking = block && !g.Key.StartsWith("landing/", StringComparison.Ordinal) };
                if (st.Closed) continue;
                if (g.All(s => s.Status == StageStatuses.Failed))
                {
                    st.Count++;
                    st.LastError ??= string.Join("; ", g.SelectMany(s => s.Errors));
                    st.FirstRun = runId;
                    st.FirstStarted = started;
                    st.FirstError = string.Join("; ", g.SelectMany(s => s.Errors));
                }
                else st.Closed = true;
            }
        }

        if (inProgress is not null) Take(inProgress.RunId, inProgress.Manifest.Started, inProgress.Stages, block: true);
        bool Settled() => streaks.Count > 0 && streaks.Values.All(s => s.Closed || !s.Blocking);
        // Checked before the first read too: the history reads a manifest as soon as it is asked for one.
        var scanned = 0;
        if (!Settled())
            await foreach (var m in history.NewestFirstAsync(ct))
            {
                if (m.RunId == inProgress?.RunId) continue;
                // With no pointer and no run in progress (status on a lake that never fetched), the newest refresh decides what is known.
                var hasBronze = m.Stages.Any(s => s.Stage == "bronze");
                Take(m.RunId, m.Started, m.Stages, block: noneKnown && hasBronze);
                if (hasBronze) noneKnown = false;
                if (Settled() || ++scanned >= MaxRunsScanned) break;
            }
        return streaks.Where(kv => kv.Value.Count > 0).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }
}
