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


    public static LakePath PathFor(string bron, string dataset) =>
        LakePath.Parse($"{LakeZones.State}/raw/{bron}/{dataset}/current.json");

    public static Task<CurrentPointer?> ReadAsync(ILakeStore lake, string bron, string dataset, CancellationToken ct = default) =>
        lake.ReadJsonAsync<CurrentPointer>(PathFor(bron, dataset), ct: ct);

    public Task WriteAsync(ILakeStore lake, CancellationToken ct = default) =>
        lake.WriteJsonAsync(PathFor(Bron, Dataset), this, ct: ct);
}
