using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Raw;

/// <summary>
/// <c>_state/raw/{bron}/{dataset}/current.json</c>: which raw file of a dataset is current. <see cref="Files"/> is what
/// the silver stage reads, in order: for fetched sources it is the current file alone; for accumulating uploads
/// (JOB-monitor results arrive per year or per institution) it is every accepted upload, oldest first, and later
/// rows override earlier ones.
/// </summary>
public sealed record CurrentPointer
{
    [JsonPropertyName("bron")] public required string Bron { get; init; }
    [JsonPropertyName("dataset")] public required string Dataset { get; init; }
    [JsonPropertyName("path")] public required string Path { get; init; }
    [JsonPropertyName("sha256")] public required string Sha256 { get; init; }
    [JsonPropertyName("sidecar")] public required string Sidecar { get; init; }
    [JsonPropertyName("updated_at")] public DateTimeOffset UpdatedAt { get; init; }
    [JsonPropertyName("files")] public IReadOnlyList<string> Files { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static LakePath PathFor(string bron, string dataset) =>
        LakePath.Parse($"{LakeZones.State}/raw/{bron}/{dataset}/current.json");

    public static async Task<CurrentPointer?> ReadAsync(ILakeStore lake, string bron, string dataset, CancellationToken ct = default)
    {
        var path = PathFor(bron, dataset);
        if (!await lake.ExistsAsync(path, ct)) return null;
        await using var s = await lake.OpenReadAsync(path, ct);
        return await JsonSerializer.DeserializeAsync<CurrentPointer>(s, Json, ct);
    }

    public async Task WriteAsync(ILakeStore lake, CancellationToken ct = default)
    {
        await using var ms = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(this, Json));
        await lake.WriteAsync(PathFor(Bron, Dataset), ms, ct);
    }
}
