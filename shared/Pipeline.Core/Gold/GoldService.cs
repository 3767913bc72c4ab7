using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Core.Tables;

namespace Pipeline.Core.Gold;

/// <summary>
/// The gold stage: silver → indicators → trajectories → <c>gold/indicatoren</c> and <c>gold/trajecten</c>. Pure
/// functions do the work (<see cref="IndicatorCalculator"/>, <see cref="TrajectoryRules"/>); this class is the
/// imperative shell around the lake. Alerts are the next stage's business (<c>Alerts/AlertService</c>).
/// </summary>
public sealed class GoldService(ILakeStore lake, TimeProvider? clock = null, ILogger? log = null, GoldOptions? options = null)
{
    private readonly ILogger _log = log ?? NullLogger.Instance;
    private readonly GoldOptions _options = options ?? new GoldOptions();

    /// <summary>The gold settings (<see cref="GoldOptions"/>: CBS rows by code, runs before a warning persists) from configuration.</summary>
    public static GoldService FromConfiguration(ILakeStore lake, IConfiguration config, TimeProvider? clock = null, ILogger? log = null) =>
        new(lake, clock, log, GoldOptions.FromConfiguration(config));

    /// <summary>
    /// ENTRY POINT for <c>PipelineService</c> (after the silver stage): computes and writes gold and records the stage
    /// <c>gold</c> in <paramref name="run"/>. <paramref name="ambitions"/> is the file given to gold directly, if any;
    /// otherwise the file the ambitions dataset's current pointer names is in force. Returns null when the stage could
    /// not compute (the exception is in the run manifest); a rejected ambitions file fails the stage but still returns
    /// the summary computed with the ambitions in force. When the inputs are those of the last clean computation
    /// (<see cref="GoldInputs"/>) nothing is computed: the stage is <c>unchanged</c> and the summary is that computation's.
    /// </summary>
    public async Task<GoldSummary?> RunAsync(RunRecorder run, AmbitionsInput? ambitions = null, CancellationToken ct = default)
    {
        GoldSummary? summary = null;
        await run.StageAsync("gold", null, async () =>
        {
            var fingerprint = await GoldInputs.FingerprintAsync(lake, _options, ambitions, ct);
            if (await UnchangedAsync(fingerprint, ct) is { } last)
            {
                (summary, var skipped) = await SkipAsync(run.RunId, last, ct);
                return skipped;
            }
            (summary, var stage, var indicatorWarnings) = await ComputeAndWriteAsync(run.RunId, ambitions, ct);
            // Only a clean computation may stand in for later runs: a failed stage (a rejected ambitions file) runs again.
            if (stage.Status == StageStatuses.Succeeded) await RecordAsync(run.RunId, ambitions, stage, summary, indicatorWarnings, ct);
            return stage;
        });
        if (summary is not null) _log.LogInformation("Gold: {Summary}", summary.Describe());
        return summary;
    }

    /// <summary>The last computation, when it was made from <paramref name="fingerprint"/> and its tables are still there.</summary>
    private async Task<GoldComputation?> UnchangedAsync(string fingerprint, CancellationToken ct) =>
        await GoldComputation.ReadAsync(lake, ct) is { } last && last.Fingerprint == fingerprint && await last.OutputsPresentAsync(lake, ct)
            ? last : null;

    /// <summary>
    /// Gold with the inputs of <paramref name="last"/>: nothing is recomputed or written, but its indicator warnings count
    /// as seen in this run too, so a warning persists after <see cref="GoldOptions.WarningRuns"/> refreshes, not computations.
    /// </summary>
    private async Task<(GoldSummary, StageRecord)> SkipAsync(string runId, GoldComputation last, CancellationToken ct)
    {
        var persisting = await new IndicatorWarningStreaks(lake, _options.WarningRuns)
            .UpdateAsync(runId, (clock ?? TimeProvider.System).GetUtcNow(), last.IndicatorWarnings, ct);
        return (last.Summary(persisting), new StageRecord
        {
            Stage = "gold", Started = default, Status = StageStatuses.Unchanged,
            Message = $"inputs unchanged since run {last.RunId}: gold not recomputed; the tables hold {last.Message}",
            Warnings = last.Warnings,
        });
    }

    /// <summary>
    /// Keeps what this computation produced with its inputs' fingerprint, taken again now: putting a new ambitions file
    /// in force changed one of the inputs.
    /// </summary>
    private async Task RecordAsync(string runId, AmbitionsInput? ambitions, StageRecord stage, GoldSummary summary,
        IReadOnlyList<IndicatorWarning> indicatorWarnings, CancellationToken ct) =>
        await new GoldComputation
        {
            Fingerprint = await GoldInputs.FingerprintAsync(lake, _options, ambitions, ct), RunId = runId,
            Computed = (clock ?? TimeProvider.System).GetUtcNow(), Message = stage.Message ?? "", Warnings = summary.Warnings,
            IndicatorWarnings = indicatorWarnings, Indicatoren = summary.Indicatoren, Trajecten = summary.Trajecten,
            Statussen = summary.Statussen, Instellingsnamen = summary.Instellingsnamen,
            Outputs = stage.Outputs.Select(o => o.Path).ToList(),
        }.WriteAsync(lake, ct);

    private async Task<(GoldSummary, StageRecord, IReadOnlyList<IndicatorWarning>)> ComputeAndWriteAsync(string runId,
        AmbitionsInput? ambitionsInput, CancellationToken ct)
    {
        var silver = await new SilverReader(lake).ReadTotalsAsync(ct);
        var warnings = new List<string>();
        var errors = new List<string>();

        var indicators = IndicatorCalculator.Compute(silver, _options.CbsRows);
        warnings.AddRange(indicators.Warnings.Select(w => w.Text));
        var persisting = await new IndicatorWarningStreaks(lake, _options.WarningRuns)
            .UpdateAsync(runId, (clock ?? TimeProvider.System).GetUtcNow(), indicators.Warnings, ct);

        RejectedAmbitions? rejected = null;
        var ambitions = await new AmbitionsStore(lake, clock).ResolveAsync(ambitionsInput, silver.BekendeInstellingen(), ct);
        if (ambitions.Candidate is { } cand)
        {
            warnings.AddRange(cand.Warnings.Select(w => $"{cand.FileName} {w}"));
            if (!cand.IsValid && ambitions.AlreadyReported)
                warnings.Add($"ambitions file {cand.FileName} was refused before (kept in {ambitions.Quarantined}); " +
                             "the ambitions in force stay in force");
            else if (!cand.IsValid)
            {
                // Capped: a file of thousands of bad lines must not become a message of megabytes.
                errors.Add($"ambitions file {cand.FileName} rejected (kept in {ambitions.Quarantined}); the ambitions in force stay in force: " +
                           Capped.Join("; ", cand.Errors.Select(e => e.ToString())));
                rejected = new RejectedAmbitions(cand.FileName, ambitions.Quarantined?.Value ?? "quarantine/",
                    cand.Errors.Select(e => e.ToString()).ToList());
            }
        }

        var points = TrajectoryRules.Build(ambitions.InForce, indicators.Values);
        var outputs = new List<RunFile>();
        outputs.AddRange(await GoldTableStore.ReplaceAsync(lake, GoldTables.Indicatoren,
            indicators.Values.Select(v => IndicatorRowOf(v).ToValues()), runId, ct));
        outputs.AddRange(await GoldTableStore.ReplaceAsync(lake, GoldTables.Trajecten, points.Select(p => TrajectRowOf(p).ToValues()), runId, ct));

        var statuses = TrajectoryStatus.All.ToDictionary(s => s, s => points.Count(p => p.Status == s));
        var stage = new StageRecord
        {
            Stage = "gold", Started = default,
            // A rejected ambitions file fails the stage visibly, though gold was still computed with the ambitions in force.
            Status = errors.Count == 0 ? StageStatuses.Succeeded : StageStatuses.Failed,
            Rows = indicators.Values.Count,
            Outputs = outputs,
            Message =
                $"{indicators.Values.Count} indicator values, {ambitions.InForce.Count} ambitions in force, {points.Count} trajectory rows " +
                $"({string.Join(", ", statuses.Select(kv => $"{kv.Key}={kv.Value}"))})" +
                (ambitions.InForce.Count == 0 ? "; no ambitions in force: no trajectories" : "") +
                (warnings.Count > 0 ? "; warnings: " + string.Join("; ", warnings) : ""),
            Errors = errors,
            Warnings = warnings,
        };
        var summary = new GoldSummary(indicators.Values.Count, points.Count, statuses, warnings, silver.InstellingsNamen(), persisting, rejected);
        return (summary, stage, indicators.Warnings);
    }

    private static IndicatorRow IndicatorRowOf(IndicatorValue v) => new()
    {
        Instellingscode = v.Instellingscode, Indicator = v.Indicator, Jaar = v.Jaar, Waarde = v.Waarde, WaardeMin = v.WaardeMin,
        WaardeMax = v.WaardeMax, Teller = v.Teller, Noemer = v.Noemer, NoemerMin = v.NoemerMin, Kwaliteit = v.Kwaliteit,
        Bron = v.Bron.Label, BronOpgehaald = IndicatorRow.Date(v.Bron.Opgehaald),
    };

    private static TrajectRow TrajectRowOf(TrajectoryPoint p) => new()
    {
        Instellingscode = p.Instellingscode, Indicator = p.Indicator, Jaar = p.Jaar, Waarde = p.Waarde, Startwaarde = p.Startwaarde,
        VerwachteWaarde = p.VerwachteWaarde, Streefwaarde2027 = p.Streefwaarde2027, Achterstand = p.Achterstand,
        Tolerantie = p.Tolerantie, Status = p.Status, Basisjaar = p.Ambition.Basisjaar,
    };
}
