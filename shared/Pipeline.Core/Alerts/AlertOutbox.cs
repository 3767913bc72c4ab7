using System.Text.Json;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Alerts;

/// <summary>
/// Delivery state and outbox, one JSON file in the lake (<see cref="StatePath"/>) written atomically, so "this status
/// was queued" and "this digest is pending" can never disagree. <c>Last</c> holds, per alert key (institution and
/// indicator, or an operator notice), the year and status last queued; <c>Outbox</c> the digests a channel has not yet
/// accepted, at most one per channel.
/// </summary>
public sealed class AlertState
{
    public static readonly LakePath StatePath = LakePath.Parse($"{LakeZones.State}/alerts/state.json");

    /// <summary>2: digests, keys per institution and indicator. Version 1 (a message per alert, keys per year) is not carried over.</summary>
    public const int CurrentVersion = 2;

    public static readonly JsonSerializerOptions Json = new(LakeJson.Default) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public int Version { get; set; }
    public Dictionary<string, LastDelivery> Last { get; init; } = new(StringComparer.Ordinal);
    public List<OutboxItem> Outbox { get; init; } = [];

    /// <summary>The gold computation whose alerts were judged last; null before the first (or in an older state file).</summary>
    public JudgedGold? Judged { get; set; }

    /// <summary>
    /// The state; a version 1 file keeps only its operator keys (so old notices are not repeated): its per-year alert
    /// keys and per-alert messages do not fit digests, so the next digest reports the current state once.
    /// </summary>
    public static async Task<AlertState> LoadAsync(ILakeStore lake, CancellationToken ct)
    {
        if (!await lake.ExistsAsync(StatePath, ct)) return new AlertState { Version = CurrentVersion };
        var state = await lake.ReadJsonAsync<AlertState>(StatePath, Json, ct)
                    ?? throw new InvalidDataException($"{StatePath} in {lake.Location} is empty.");
        if (state.Version >= CurrentVersion) return state;
        var upgraded = new AlertState { Version = CurrentVersion };
        foreach (var (key, last) in state.Last.Where(kv => kv.Key.StartsWith("operator|", StringComparison.Ordinal)))
            upgraded.Last[key] = last;
        return upgraded;
    }

    public Task SaveAsync(ILakeStore lake, CancellationToken ct) => lake.WriteJsonAsync(StatePath, this, Json, ct);
}

/// <param name="Jaar">The measurement year queued (null for operator notices).</param>
public sealed record LastDelivery(string Status, int? Jaar, string AlertId, DateTimeOffset Queued);

/// <summary>
/// The gold computation (by its run id) that <c>gold/alerts</c> was built from and judged against <c>Last</c>, the
/// version of the texts it was built with, what it found and the files it wrote: a run whose gold is unchanged since
/// then has nothing new to judge.
/// </summary>
public sealed record JudgedGold(string GoldRun, int TextVersion, int Alerts, int Waarschuwingen, int Kritiek, IReadOnlyList<string> Outputs);

public sealed record OutboxItem(string Channel, AlertDigest Digest, DateTimeOffset Queued)
{
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
