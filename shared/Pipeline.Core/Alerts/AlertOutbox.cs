using System.Text.Json.Serialization;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Alerts;

/// <summary>
/// Delivery state and outbox, one JSON file in the lake (<see cref="StatePath"/>) written atomically, so "this status
/// was queued" and "these messages are pending" can never disagree. <c>Last</c> holds, per alert key, the status last
/// queued for delivery; <c>Outbox</c> the messages a channel has not yet accepted.
/// </summary>
public sealed class AlertState
{
    public static readonly LakePath StatePath = LakePath.Parse($"{LakeZones.State}/alerts/state.json");

    [JsonPropertyName("last")] public Dictionary<string, LastDelivery> Last { get; init; } = new(StringComparer.Ordinal);
    [JsonPropertyName("outbox")] public List<OutboxItem> Outbox { get; init; } = [];

    public static async Task<AlertState> LoadAsync(ILakeStore lake, CancellationToken ct)
    {
        if (!await lake.ExistsAsync(StatePath, ct)) return new AlertState();
        return await lake.ReadJsonAsync<AlertState>(StatePath, ct: ct)
               ?? throw new InvalidDataException($"{StatePath} in {lake.Location} is empty.");
    }

    public async Task SaveAsync(ILakeStore lake, CancellationToken ct)
    {
        await lake.WriteJsonAsync(StatePath, this, ct: ct);
    }
}

public sealed record LastDelivery(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("alert_id")] string AlertId,
    [property: JsonPropertyName("queued")] DateTimeOffset Queued);

public sealed record OutboxItem(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("message")] AlertMessage Message,
    [property: JsonPropertyName("queued")] DateTimeOffset Queued)
{
    [JsonPropertyName("attempts")] public int Attempts { get; set; }
    [JsonPropertyName("last_error")] public string? LastError { get; set; }
}
