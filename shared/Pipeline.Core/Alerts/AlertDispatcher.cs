using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Alerts;

/// <summary>What one delivery pass did, per channel.</summary>
public sealed record DeliveryReport(
    int Queued,
    IReadOnlyDictionary<string, int> Sent,
    IReadOnlyDictionary<string, int> Pending,
    IReadOnlyList<string> Errors)
{
    public int SentTotal => Sent.Values.Sum();
    public int PendingTotal => Pending.Values.Sum();
}

/// <summary>
/// Sent once, through an outbox. An alert is queued (for every enabled channel) only when its key is new or its status
/// differs from the one last queued; then each channel drains its pending messages in order. A channel that fails
/// keeps the failed message and everything after it for the next run, so nothing is lost, and a message leaves the
/// outbox as soon as its channel accepted it, so nothing is sent twice (short of a crash between the channel's
/// acceptance and the state write: then at-least-once, the best any outbox over an external channel can do).
/// An alert whose audience has no channel configured waits in the outbox under <see cref="Unrouted"/>; it is never
/// marked sent, and the first run with a channel for it sends it. Error texts pass through the channel's
/// <see cref="IAlertChannel.Redact"/> before they reach the state file, the run manifest or the log.
/// </summary>
public sealed class AlertDispatcher(ILakeStore lake, IReadOnlyList<IAlertChannel> channels, TimeProvider? clock = null, ILogger? log = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ILogger _log = log ?? NullLogger.Instance;

    /// <param name="alerts">The current alerts (risico / uit_koers).</param>
    /// <param name="recovered">Keys whose status is now op_koers: forgotten, so a relapse is reported again.</param>
    /// <param name="operatorAlerts">Operator alerts, each reported once by its id.</param>
    public async Task<DeliveryReport> DeliverAsync(IReadOnlyList<Alert> alerts, IEnumerable<string> recovered,
        IReadOnlyList<OperatorAlert> operatorAlerts, CancellationToken ct = default)
    {
        var state = await AlertState.LoadAsync(lake, ct);
        var now = _clock.GetUtcNow();
        Route(state);
        var queued = 0;
        foreach (var a in alerts)
        {
            if (state.Last.TryGetValue(a.Key, out var last) && last.Status == a.Status) continue;
            Queue(state, a.ToMessage(), forOperators: false, now);
            state.Last[a.Key] = new LastDelivery(a.Status, a.AlertId, now);
            queued++;
        }
        foreach (var key in recovered) state.Last.Remove(key);
        foreach (var o in operatorAlerts)
        {
            var m = o.ToMessage();
            if (state.Last.ContainsKey(m.Key)) continue;
            Queue(state, m, forOperators: true, now);
            state.Last[m.Key] = new LastDelivery(o.Soort, o.Id, now);
            queued++;
        }
        // Queue first, durably: from here on a crash loses nothing.
        await state.SaveAsync(lake, ct);

        var sent = new Dictionary<string, int>();
        var errors = new List<string>();
        foreach (var channel in channels)
        {
            sent[channel.Name] = 0;
            foreach (var item in state.Outbox.Where(i => i.Channel == channel.Name).ToList())
            {
                try
                {
                    await channel.SendAsync(item.Message, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    var error = Runs.Capped.Text(channel.Redact($"{e.GetType().Name}: {e.Message}"));
                    item.Attempts++;
                    item.LastError = error;
                    var pending = state.Outbox.Count(i => i.Channel == channel.Name);
                    errors.Add($"{channel.Name}: {error} ({pending} pending, retried next run)");
                    // Not the exception itself: its text and inner exceptions may carry the channel's address.
                    _log.LogWarning("Alert channel {Channel} failed: {Error}; {Pending} message(s) stay pending", channel.Name, error, pending);
                    break; // the channel is down: keep the rest in order for the next run
                }
                state.Outbox.Remove(item);
                sent[channel.Name]++;
                await state.SaveAsync(lake, ct);
            }
        }
        await state.SaveAsync(lake, ct);
        var pendingByChannel = state.Outbox.GroupBy(i => i.Channel).ToDictionary(g => g.Key, g => g.Count());
        return new DeliveryReport(queued, sent, pendingByChannel, errors);
    }

    /// <summary>The outbox "channel" of messages whose audience has no channel yet (operators, or the directie mbo).</summary>
    public static string Unrouted(bool forOperators) => forOperators ? "unrouted:operators" : "unrouted:directie";

    private void Queue(AlertState state, AlertMessage message, bool forOperators, DateTimeOffset now)
    {
        var targets = channels.Where(c => c.ForOperators == forOperators).Select(c => c.Name).ToList();
        if (targets.Count == 0) targets.Add(Unrouted(forOperators));
        foreach (var target in targets)
        {
            // A newer status supersedes an undelivered older one for the same key: the reader gets the current state once.
            state.Outbox.RemoveAll(i => i.Channel == target && i.Message.Key == message.Key);
            state.Outbox.Add(new OutboxItem(target, message, now));
        }
    }

    /// <summary>Messages that waited for a channel go to the channels configured now, in the order they were queued.</summary>
    private void Route(AlertState state)
    {
        foreach (var forOperators in new[] { false, true })
        {
            var waiting = state.Outbox.Where(i => i.Channel == Unrouted(forOperators)).ToList();
            if (waiting.Count == 0 || !channels.Any(c => c.ForOperators == forOperators)) continue;
            state.Outbox.RemoveAll(i => i.Channel == Unrouted(forOperators));
            foreach (var item in waiting) Queue(state, item.Message, forOperators, item.Queued);
        }
    }
}
