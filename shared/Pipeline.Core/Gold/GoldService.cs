using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Core.Alerts;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;

namespace Pipeline.Core.Gold;

/// <summary>What one gold run produced: the figures the command line prints.</summary>
public sealed record GoldSummary(
    int Indicatoren,
    int Trajecten,
    IReadOnlyDictionary<string, int> Statussen,
    int Alerts,
    int Waarschuwingen,
    int Kritiek,
    DeliveryReport Delivery,
    IReadOnlyList<string> Warnings)
{
    public string Describe() =>
        $"indicatoren: {Indicatoren} waarden; trajecten: {Trajecten} (" +
        string.Join(", ", TrajectoryStatus.All.Select(s => $"{s}={Statussen.GetValueOrDefault(s)}")) + "); " +
        $"alerts: {Alerts} (waarschuwing={Waarschuwingen}, kritiek={Kritiek}); nieuw in outbox: {Delivery.Queued}; verzonden: " +
        (Delivery.Sent.Count == 0 ? "geen kanaal ingeschakeld" : string.Join(", ", Delivery.Sent.Select(kv => $"{kv.Key}={kv.Value}"))) +
        (Delivery.PendingTotal > 0 ? "; nog in outbox: " + string.Join(", ", Delivery.Pending.Select(kv => $"{kv.Key}={kv.Value}")) : "");
}

/// <summary>
/// The gold stage: silver → indicators → trajectories → alerts → gold tables → delivery. Pure functions do the
/// work (<see cref="IndicatorCalculator"/>, <see cref="TrajectoryRules"/>, <see cref="AlertBuilder"/>); this class is the
/// imperative shell around the lake and the channels.
/// </summary>
public sealed class GoldService(ILakeStore lake, IReadOnlyList<IAlertChannel> channels, TimeProvider? clock = null, ILogger? log = null,
    GoldOptions? options = null)
{
    public const string IndicatorenTable = "indicatoren";
    public const string TrajectenTable = "trajecten";
    public const string AlertsTable = "alerts";

    private readonly ILogger _log = log ?? NullLogger.Instance;
    private readonly GoldOptions _options = options ?? new GoldOptions();

    /// <summary>
    /// Channels from configuration (<c>Alerts:Webhook:Url</c>, <c>Alerts:Smtp:*</c>, <c>Alerts:Operators:To</c>) and the
    /// gold settings (<see cref="GoldOptions"/>: CBS rows by code, runs before a persisting warning is an operator alert).
    /// </summary>
    public static GoldService FromConfiguration(ILakeStore lake, IConfiguration config, HttpClient http, TimeProvider? clock = null, ILogger? log = null) =>
        new(lake, AlertChannelFactory.Create(AlertOptions.FromConfiguration(config), http), clock, log, GoldOptions.FromConfiguration(config));

    /// <summary>
    /// ENTRY POINT for <c>PipelineService</c> (after the silver stage): computes and writes gold, delivers alerts, and
    /// records the stages <c>gold</c> and <c>alerts</c> in <paramref name="run"/>. <paramref name="ambitions"/> is the
    /// file given to gold directly, if any; otherwise the file the ambitions dataset's current pointer names is in force.
    /// <paramref name="operatorAlerts"/> are problems earlier stages found (quarantine, failed source) to report once.
    /// Returns null when the gold stage could not compute (the exception is in the run manifest); a rejected ambitions
    /// file fails the stage but still returns the summary computed with the ambitions in force.
    /// </summary>
    public async Task<GoldSummary?> RunAsync(RunRecorder run, AmbitionsInput? ambitions = null,
        IReadOnlyList<OperatorAlert>? operatorAlerts = null, CancellationToken ct = default)
    {
        var ops = new List<OperatorAlert>(operatorAlerts ?? []);
        Computed? computed = null;
        await run.StageAsync("gold", null, async () =>
        {
            computed = await ComputeAndWriteAsync(run.RunId, ambitions, ops, ct);
            return computed.Stage;
        });

        DeliveryReport? delivery = null;
        var alertStage = await run.StageAsync("alerts", AlertsTable, async () =>
        {
            var dispatcher = new AlertDispatcher(lake, channels, clock, _log);
            delivery = await dispatcher.DeliverAsync(computed?.Alerts ?? [], computed?.Recovered ?? [], ops, ct);
            return new StageRecord
            {
                Stage = "alerts", Started = default,
                Status = delivery.Errors.Count == 0 ? StageStatuses.Succeeded : StageStatuses.Failed,
                Rows = delivery.SentTotal,
                Message = $"queued {delivery.Queued}; sent " +
                          (delivery.Sent.Count == 0 ? "nothing (no channel configured)" : string.Join(", ", delivery.Sent.Select(kv => $"{kv.Key}={kv.Value}"))) +
                          $"; pending {delivery.PendingTotal}",
                Errors = delivery.Errors,
            };
        });

        if (computed is null) return null; // the stage threw; its error is in the manifest
        await run.StageAsync("report", LakeZones.Reports, () => PublishReportAsync(ct));
        var summary = new GoldSummary(computed.Values.Count, computed.Points.Count,
            computed.Points.GroupBy(p => p.Status).ToDictionary(g => g.Key, g => g.Count()),
            computed.Alerts.Count, computed.Alerts.Count(a => a.Ernst == Ernst.Waarschuwing), computed.Alerts.Count(a => a.Ernst == Ernst.Kritiek),
            delivery ?? new DeliveryReport(0, new Dictionary<string, int>(), new Dictionary<string, int>(), alertStage.Errors),
            computed.Warnings);
        _log.LogInformation("Gold: {Summary}", summary.Describe());
        return summary;
    }

    /// <summary>
    /// Delivers operator alerts (and retries whatever is pending in the outbox) without recomputing gold: for runs
    /// that only fetch, or that handle a poison file.
    /// </summary>
    public Task<StageRecord> DeliverOperatorAlertsAsync(RunRecorder run, IReadOnlyList<OperatorAlert> operatorAlerts, CancellationToken ct = default) =>
        run.StageAsync("alerts", "operator", async () =>
        {
            var delivery = await new AlertDispatcher(lake, channels, clock, _log).DeliverAsync([], [], operatorAlerts, ct);
            return new StageRecord
            {
                Stage = "alerts", Started = default,
                Status = delivery.Errors.Count == 0 ? StageStatuses.Succeeded : StageStatuses.Failed,
                Rows = delivery.SentTotal,
                Message = $"operator alerts: {operatorAlerts.Count}; queued {delivery.Queued}; sent {delivery.SentTotal}; pending {delivery.PendingTotal}",
                Errors = delivery.Errors,
            };
        });

    /// <summary>The HTML report in <c>reports/</c> reflects the gold tables just written.</summary>
    private async Task<StageRecord> PublishReportAsync(CancellationToken ct)
    {
        var written = await new Report.ReportPublisher(lake, clock: clock).PublishToLakeAsync(ct);
        return new StageRecord
        {
            Stage = "report", Started = default, Status = StageStatuses.Succeeded, Rows = written.Count,
            Message = $"{written.Count} pages in {LakeZones.Reports}/", Outputs = written.Select(p => new RunFile(p.Value)).ToList(),
        };
    }

    private sealed record Computed(
        IReadOnlyList<IndicatorValue> Values, IReadOnlyList<TrajectoryPoint> Points, IReadOnlyList<Alert> Alerts,
        IReadOnlyList<string> Recovered, IReadOnlyList<string> Warnings, StageRecord Stage);

    private async Task<Computed> ComputeAndWriteAsync(string runId, AmbitionsInput? ambitionsInput, List<OperatorAlert> ops, CancellationToken ct)
    {
        var io = new GoldTableIo(lake);
        var silver = await io.ReadSilverAsync(ct);
        var warnings = new List<string>();
        var errors = new List<string>();

        var indicators = IndicatorCalculator.Compute(silver, _options.CbsRows);
        warnings.AddRange(indicators.Warnings.Select(w => w.Text));
        ops.AddRange(await new IndicatorWarningStreaks(lake, _options.WarningRuns)
            .UpdateAsync(runId, (clock ?? TimeProvider.System).GetUtcNow(), indicators.Warnings, ct));

        var ambitions = await new AmbitionsStore(lake, clock).ResolveAsync(ambitionsInput, silver.BekendeInstellingen(), ct);
        if (ambitions.Candidate is { } cand)
        {
            warnings.AddRange(cand.Warnings.Select(w => $"{cand.FileName} {w}"));
            if (!cand.IsValid && ambitions.AlreadyReported)
                warnings.Add($"ambitions file {cand.FileName} was refused before (kept in {ambitions.Quarantined}); the ambitions in force stay in force");
            else if (!cand.IsValid)
            {
                // Capped: a file of thousands of bad lines must not become a message of megabytes.
                errors.Add($"ambitions file {cand.FileName} rejected (kept in {ambitions.Quarantined}); the ambitions in force stay in force: " +
                           Runs.Capped.Join("; ", cand.Errors.Select(e => e.ToString())));
                ops.Add(new OperatorAlert(OperatorAlert.AmbitiesOngeldig, $"ambitiebestand {cand.FileName} afgekeurd",
                    $"Het ambitiebestand {cand.FileName} is in zijn geheel afgekeurd; de geldende ambities blijven van kracht. " +
                    $"Het bestand staat in {ambitions.Quarantined}.\n\n{cand.FileName}: {cand.Errors.Count} fout(en)\n" +
                    Runs.Capped.Join("\n", cand.Errors.Select(e => "fout " + e))));
            }
        }

        var points = TrajectoryRules.Build(ambitions.InForce, indicators.Values);
        var alerts = AlertBuilder.Build(points, silver.InstellingsNamen());
        var recovered = points.Where(p => p.Status == TrajectoryStatus.OpKoers)
            .Select(p => Alert.DeliveryKey(p.Instellingscode, p.Indicator, p.Jaar)).ToList();

        var outputs = new List<RunFile>();
        foreach (var (path, rows) in await io.WriteTableAsync(IndicatorenTable, indicators.Values.Select(IndicatorRow.From), runId, ct))
            outputs.Add(new RunFile(path, Rows: rows));
        foreach (var (path, rows) in await io.WriteTableAsync(TrajectenTable, points.Select(TrajectRow.From), runId, ct))
            outputs.Add(new RunFile(path, Rows: rows));
        foreach (var (path, rows) in await io.WriteTableAsync(AlertsTable, alerts.Select(AlertRow.From), runId, ct))
            outputs.Add(new RunFile(path, Rows: rows));

        var statuses = string.Join(", ", TrajectoryStatus.All.Select(s => $"{s}={points.Count(p => p.Status == s)}"));
        var stage = new StageRecord
        {
            Stage = "gold", Started = default,
            // A rejected ambitions file fails the stage visibly, though gold was still computed with the ambitions in force.
            Status = errors.Count == 0 ? StageStatuses.Succeeded : StageStatuses.Failed,
            Rows = indicators.Values.Count,
            Outputs = outputs,
            Message =
                $"{indicators.Values.Count} indicator values, {ambitions.InForce.Count} ambitions in force, {points.Count} trajectory rows ({statuses}), " +
                $"{alerts.Count} alerts (waarschuwing={alerts.Count(a => a.Ernst == Ernst.Waarschuwing)}, kritiek={alerts.Count(a => a.Ernst == Ernst.Kritiek)})" +
                (ambitions.InForce.Count == 0 ? "; no ambitions in force: no trajectories" : "") +
                (warnings.Count > 0 ? "; warnings: " + string.Join("; ", warnings) : ""),
            Errors = errors,
            Warnings = warnings,
        };
        return new Computed(indicators.Values, points, alerts, recovered, warnings, stage);
    }
}
