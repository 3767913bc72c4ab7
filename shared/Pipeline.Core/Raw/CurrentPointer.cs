using System.Text.Json.Serialization;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Raw;

/// <summary>
/// <c>_state/raw/{bron}/{dataset}/current.json</c>: which raw files of a dataset are current, in one document.
/// <see cref="Files"/> is every current file: for a single-file source the current file alone; for a CKAN package the
/// current file of every selected resource (<see cref="Resources"/>, with the table and year each feeds); for
/// accumulating uploads (JOB-monitor results arrive per year or per institution) every accepted upload, oldest first.
/// <see cref="Path"/> and <see cref="UpdatedAt"/> name the file that changed last.
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
    [JsonPropertyName("resources")] public IReadOnlyList<CurrentResource> Resources { get; init; } = [];

    public CurrentResource? Resource(string id) => Resources.FirstOrDefault(r => r.Id == id);

    /// <summary>The current resources feeding one silver table.</summary>
    public IReadOnlyList<CurrentResource> ResourcesOf(string table) => Resources.Where(r => r.Table == table).ToList();


    public static LakePath PathFor(string bron, string dataset) =>
        LakePath.Parse($"{LakeZones.State}/raw/{bron}/{dataset}/current.json");

    public static Task<CurrentPointer?> ReadAsync(ILakeStore lake, string bron, string dataset, CancellationToken ct = default) =>
        lake.ReadJsonAsync<CurrentPointer>(PathFor(bron, dataset), ct: ct);

    public Task WriteAsync(ILakeStore lake, CancellationToken ct = default) =>
        lake.WriteJsonAsync(PathFor(Bron, Dataset), this, ct: ct);
}
