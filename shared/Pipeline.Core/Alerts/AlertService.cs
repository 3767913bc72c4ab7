using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Core.Tables;

namespace Pipeline.Core.Alerts;

/// <summary>What one alerts stage did: the current alerts in <c>gold/alerts</c> and the delivery of the run's digests.</summary>
public sealed record AlertSummary(int Alerts, int Waarschuwingen, int Kritiek, DeliveryReport Delivery)
{
    public string Describe() =>
        $"{Alerts} alerts (waarschuwing={Waarschuwingen}, kritiek={Kritiek}) for the newest year per institution and indicator; " +
        $"news: {Delivery.Entries} alerts, {Delivery.Notices} operator notices (queued {Delivery.Queued}); digests sent: " +
        (Delivery.Sent.Count == 0 ? "none (no channel configured)" : string.Join(", ", Delivery.Sent.Select(kv => $"{kv.Key}={kv.Value}"))) +
        $"; pending {Delivery.PendingTotal}" +
        (Delivery.PendingTotal > 0 ? " (" + string.Join(", ", Delivery.Pending.Select(kv => $"{kv.Key}={kv.Value}")) + ")" : "");
}

/// <summary>
/// The alerts stage: reads <c>gold/trajecten</c> and <c>gold/indicatoren</c>, raises an alert for the newest year of
/// each trajectory that is at risk or off course (<see cref="AlertBuilder"/>), writes <c>gold/alerts</c>, and sends
/// what is news, with the run's operator notices, as one digest per channel through the outbox
/// (<see cref="AlertDispatcher"/>). Records the stage <c>alerts</c> in the run manifest.
/// </summary>
public sealed class AlertService(ILakeStore lake, IReadOnlyList<IAlertChannel> channels, ReportLinks links, TimeProvider? clock = null,
    ILogger? log = null)
{
    private readonly ILogger _log = log ?? NullLogger.Instance;

    public static AlertService Create(ILakeStore lake, AlertOptions options, HttpClient http, TimeProvider? clock = null, ILogger? log = null) =>
        new(lake, AlertChannelFactory.Create(options, http), new ReportLinks(options.ReportBaseUrl), clock, log);

    /// <summary>
    /// After the gold stage: judge its tables, write <c>gold/alerts</c>, deliver. <paramref name="instellingsnamen"/> names
    /// the institutions in the texts (from silver, via the gold stage); <paramref name="goldRun"/> is the run whose
    /// computation the gold tables hold. When its alerts were judged already (gold unchanged since, same texts,
    /// <c>gold/alerts</c> still there), nothing is rebuilt or rewritten and only the operator notices and what is pending go out.
    /// </summary>
    public async Task<AlertSummary?> RunAsync(RunRecorder run, IReadOnlyDictionary<string, string> instellingsnamen, string goldRun,
        IReadOnlyList<OperatorAlert> operatorAlerts, CancellationToken ct = default)
    {
        AlertSummary? summary = null;
        await run.StageAsync("alerts", GoldTables.AlertsTable, async () =>
        {
            var state = await AlertState.LoadAsync(lake, ct);
            if (await JudgedAlreadyAsync(state, goldRun, ct) is { } judged)
            {
                summary = Summary(judged, await Dispatcher().DeliverAsync(state, null, links, operatorAlerts, ct));
                return Stage(summary, []) with
                {
                    Status = summary.Delivery.Errors.Count == 0 ? StageStatuses.Unchanged : StageStatuses.Failed,
                    Message = $"gold unchanged since run {goldRun}, whose alerts were judged then: {GoldTables.AlertsTable} kept; " + summary.Describe(),
                };
            }
            var trajecten = await GoldTableStore.ReadTrajectenAsync(lake, ct);
            var indicatoren = await GoldTableStore.ReadIndicatorenAsync(lake, ct);
            var current = AlertBuilder.Build(trajecten, indicatoren, instellingsnamen);
            var outputs = await GoldTableStore.ReplaceAsync(lake, GoldTables.Alerts, current.Alerts.Select(a => RowOf(a).ToValues()), run.RunId, ct);
            // Saved with the news this judgement makes, so "judged" and "queued" never disagree.
            state.Judged = new JudgedGold(goldRun, AlertBuilder.TextVersion, current.Alerts.Count,
                current.Alerts.Count(a => a.Ernst == Ernst.Waarschuwing), current.Alerts.Count(a => a.Ernst == Ernst.Kritiek),
                outputs.Select(o => o.Path).ToList());
            summary = Summary(state.Judged, await Dispatcher().DeliverAsync(state, current, links, operatorAlerts, ct));
            return Stage(summary, outputs);
        });
        if (summary is not null) _log.LogInformation("Alerts: {Summary}", summary.Describe());
        return summary;
    }

    /// <summary>What was found when the alerts of <paramref name="goldRun"/>'s gold were judged, if they were, with today's texts.</summary>
    private async Task<JudgedGold?> JudgedAlreadyAsync(AlertState state, string goldRun, CancellationToken ct) =>
        state.Judged is { } j && j.GoldRun == goldRun && j.TextVersion == AlertBuilder.TextVersion
        && await lake.ContainsAllAsync($"{LakeZones.Gold}/", j.Outputs, ct)
            ? j : null;

    private static AlertSummary Summary(JudgedGold judged, DeliveryReport delivery) =>
        new(judged.Alerts, judged.Waarschuwingen, judged.Kritiek, delivery);

    /// <summary>
    /// Without gold (a run that only fetched, a poison file, a refused upload): deliver the operator notices and retry
    /// whatever is pending in the outbox; <c>gold/alerts</c> and the trajectory alerts' state stay as they are.
    /// </summary>
    public async Task<AlertSummary?> DeliverOperatorAlertsAsync(RunRecorder run, IReadOnlyList<OperatorAlert> operatorAlerts,
        CancellationToken ct = default)
    {
        AlertSummary? summary = null;
        await run.StageAsync("alerts", "operator", async () =>
        {
            summary = new AlertSummary(0, 0, 0, await Dispatcher().DeliverAsync(null, links, operatorAlerts, ct));
            return Stage(summary, []);
        });
        return summary;
    }

    private AlertDispatcher Dispatcher() => new(lake, channels, clock, _log);

    private static StageRecord Stage(AlertSummary s, IReadOnlyList<RunFile> outputs) => new()
    {
        Stage = "alerts", Started = default,
        Status = s.Delivery.Errors.Count == 0 ? StageStatuses.Succeeded : StageStatuses.Failed,
        Rows = s.Alerts, Outputs = outputs, Message = s.Describe(), Errors = s.Delivery.Errors,
    };

    private static AlertRow RowOf(Alert a) => new()
    {
        AlertId = a.AlertId, Instellingscode = a.Instellingscode, Instellingsnaam = a.Instellingsnaam, Indicator = a.Indicator,
        Jaar = a.Jaar, Status = a.Status, Ernst = a.Ernst, Waarde = a.Waarde, VerwachteWaarde = a.VerwachteWaarde,
        Streefwaarde2027 = a.Streefwaarde2027, Achterstand = a.Achterstand, Bron = a.Bron, BronOpgehaald = a.BronOpgehaald,
        Titel = a.Titel, Tekst = a.Tekst,
    };
}
