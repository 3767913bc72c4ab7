using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Alerts;

/// <summary>What one delivery pass did, per channel (counts are digests, one per channel per run).</summary>
public sealed record DeliveryReport(
    int Entries,
    int Notices,
    IReadOnlyDictionary<string, int> Sent,
    IReadOnlyDictionary<string, int> Pending,
    IReadOnlyList<string> Errors)
{
    public static readonly DeliveryReport None = new(0, 0, new Dictionary<string, int>(), new Dictionary<string, int>(), []);

    /// <summary>Alerts and notices that were news this run.</summary>
    public int Queued => Entries + Notices;
    public int SentTotal => Sent.Values.Sum();
    public int PendingTotal => Pending.Values.Sum();
}

/// <summary>
/// Sent once, through an outbox, as one digest per channel per run. An alert is news only when its key (institution and
/// indicator) is new or its newest year or status differs from the one last queued; an operator notice when its id is
/// new. The news of a run becomes one digest per enabled channel of its audience, queued durably before anything is
/// sent; a digest still pending for that channel (the channel was down) absorbs it, so the channel gets one message
/// when it is back. A digest leaves the outbox as soon as its channel accepted it, so nothing is sent twice (short of a
/// crash between the channel's acceptance and the state write: then at-least-once, the best any outbox over an
/// external channel can do). News whose audience has no channel configured waits under <see cref="Unrouted"/> until a
/// run has one. Error texts pass through the channel's <see cref="IAlertChannel.Redact"/> before they reach the state
/// file, the run manifest or the log.
/// </summary>
public sealed class AlertDispatcher(ILakeStore lake, IReadOnlyList<IAlertChannel> channels, TimeProvider? clock = null, ILogger? log = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ILogger _log = log ?? NullLogger.Instance;

    /// <param name="current">The current alerts (newest year, risico / uit_koers), null when gold did not run: nothing is judged.</param>
    /// <param name="reportLinks">The institution page links of the digest entries.</param>
    /// <param name="operatorAlerts">Operator notices, each reported once by its id.</param>
    public async Task<DeliveryReport> DeliverAsync(CurrentAlerts? current, ReportLinks reportLinks, IReadOnlyList<OperatorAlert> operatorAlerts,
        CancellationToken ct = default) =>
        await DeliverAsync(await AlertState.LoadAsync(lake, ct), current, reportLinks, operatorAlerts, ct);

    /// <param name="state">The alert state as the caller loaded (and amended) it; saved with the news before anything is sent.</param>
    public async Task<DeliveryReport> DeliverAsync(AlertState state, CurrentAlerts? current, ReportLinks reportLinks,
        IReadOnlyList<OperatorAlert> operatorAlerts, CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        Route(state);

        var entries = new List<DigestEntry>();
        foreach (var a in current?.Alerts ?? [])
        {
            if (state.Last.TryGetValue(a.Key, out var last) && last.Status == a.Status && last.Jaar == a.Jaar) continue;
            entries.Add(DigestEntry.From(a, reportLinks.For(a.Instellingscode)));
            state.Last[a.Key] = new LastDelivery(a.Status, a.Jaar, a.AlertId, now);
        }
        foreach (var key in current?.Recovered ?? []) state.Last.Remove(key); // a relapse is news again
        var notices = new List<OperatorAlert>();
        foreach (var o in operatorAlerts.Select(o => o.Capped()).DistinctBy(o => o.Id))
        {
            if (state.Last.ContainsKey(o.Key)) continue;
            notices.Add(o);
            state.Last[o.Key] = new LastDelivery(o.Soort, null, o.Id, now);
        }
        if (entries.Count > 0) Queue(state, new AlertDigest(now, entries, []), forOperators: false, now);
        if (notices.Count > 0) Queue(state, new AlertDigest(now, [], notices), forOperators: true, now);
        // Queue first, durably: from here on a crash loses nothing.
        await state.SaveAsync(lake, ct);

        var sent = new Dictionary<string, int>();
        var errors = new List<string>();
        foreach (var channel in channels)
        {
            sent[channel.Name] = 0;
            if (state.Outbox.FirstOrDefault(i => i.Channel == channel.Name) is not { } item) continue;
            try
            {
                await channel.SendAsync(item.Digest, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var error = Runs.Capped.Text(channel.Redact($"{e.GetType().Name}: {e.Message}"));
                item.Attempts++;
                item.LastError = error;
                errors.Add($"{channel.Name}: {error} (digest of {item.Digest.Entries.Count + item.Digest.Notices.Count} pending, retried next run)");
                // Not the exception itself: its text and inner exceptions may carry the channel's address.
                _log.LogWarning("Alert channel {Channel} failed: {Error}; its digest stays pending", channel.Name, error);
                continue;
            }
            state.Outbox.Remove(item);
            sent[channel.Name]++;
            await state.SaveAsync(lake, ct);
        }
        await state.SaveAsync(lake, ct);
        var pending = state.Outbox.GroupBy(i => i.Channel).ToDictionary(g => g.Key, g => g.Count());
        return new DeliveryReport(entries.Count, notices.Count, sent, pending, errors);
    }

    /// <summary>The outbox "channel" of digests whose audience has no channel yet (operators, or the directie mbo).</summary>
    public static string Unrouted(bool forOperators) => forOperators ? "unrouted:operators" : "unrouted:directie";

    /// <summary>One digest per target: a pending one for the same target absorbs the new news.</summary>
    private void Queue(AlertState state, AlertDigest digest, bool forOperators, DateTimeOffset now)
    {
        var targets = channels.Where(c => c.ForOperators == forOperators).Select(c => c.Name).ToList();
        if (targets.Count == 0) targets.Add(Unrouted(forOperators));
        foreach (var target in targets)
        {
            var i = state.Outbox.FindIndex(x => x.Channel == target);
            if (i < 0) state.Outbox.Add(new OutboxItem(target, digest, now));
            else state.Outbox[i] = state.Outbox[i] with { Digest = state.Outbox[i].Digest.Merge(digest) };
        }
    }

    /// <summary>Digests that waited for a channel go to the channels configured now.</summary>
    private void Route(AlertState state)
    {
        foreach (var forOperators in new[] { false, true })
        {
            var waiting = state.Outbox.Where(i => i.Channel == Unrouted(forOperators)).ToList();
            if (waiting.Count == 0 || !channels.Any(c => c.ForOperators == forOperators)) continue;
            state.Outbox.RemoveAll(i => i.Channel == Unrouted(forOperators));
            foreach (var item in waiting) Queue(state, item.Digest, forOperators, item.Queued);
        }
    }
}
