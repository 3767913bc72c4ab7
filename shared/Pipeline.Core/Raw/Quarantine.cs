using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Raw;

/// <summary>Why something was turned away at the door; stored as <c>{name}.reason.json</c> beside the kept body.</summary>
public sealed record QuarantineReason
{
    [JsonPropertyName("stage")] public string Stage { get; init; } = "bronze";
    [JsonPropertyName("bron")] public required string Bron { get; init; }
    [JsonPropertyName("dataset")] public required string Dataset { get; init; }
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonPropertyName("reason")] public required string Reason { get; init; }
    [JsonPropertyName("content_type")] public string? ContentType { get; init; }
    [JsonPropertyName("size")] public long? Size { get; init; }
    [JsonPropertyName("body")] public string? Body { get; init; }
    [JsonPropertyName("rejected_at")] public DateTimeOffset RejectedAt { get; init; }
}

/// <summary>
/// Rejected input is kept, never lost and never in raw: <c>quarantine/bronze/{bron}/{dataset}/{yyyy-MM-dd}/{HHmmss}-{id}.{ext}</c>
/// plus <c>….reason.json</c>.
/// </summary>
public sealed class BronzeQuarantine(ILakeStore lake, TimeProvider? clock = null)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Readable reasons: apostrophes and accents as they are (the file is never embedded in HTML).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<LakePath> KeepAsync(QuarantineReason reason, Stream? body, string extension, CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        var stem = $"{LakeZones.Quarantine}/bronze/{reason.Bron}/{reason.Dataset}/{now:yyyy-MM-dd}/{now:HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
        string? bodyName = null;
        if (body is not null)
        {
            bodyName = $"{stem}.{extension}";
            await lake.WriteAsync(LakePath.Parse(bodyName), body, ct);
        }
        var reasonPath = LakePath.Parse((bodyName ?? stem) + ".reason.json");
        await using var ms = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(reason with { Body = bodyName, RejectedAt = now }, Json));
        await lake.WriteAsync(reasonPath, ms, ct);
        return reasonPath;
    }
}
