using System.Text.Json.Serialization;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Silver;

/// <summary>
/// <c>_state/silver/{tabel}.json</c>: which raw file the current table came from. Used to ignore a raw file older
/// than the current one (a replayed trigger must not roll data back) and to pin a CBS table's column set.
/// </summary>
public sealed record SilverState
{
    [JsonPropertyName("table")] public required string Table { get; init; }
    [JsonPropertyName("schema_version")] public required int SchemaVersion { get; init; }
    [JsonPropertyName("raw")] public required string Raw { get; init; }
    [JsonPropertyName("raw_sha256")] public required string RawSha256 { get; init; }
    [JsonPropertyName("raw_fetched")] public required DateOnly RawFetched { get; init; }
    [JsonPropertyName("run_id")] public required string RunId { get; init; }
    [JsonPropertyName("partitions")] public IReadOnlyList<int> Partitions { get; init; } = [];
    [JsonPropertyName("columns")] public IReadOnlyList<string> Columns { get; init; } = [];


    public static LakePath PathFor(string table) => LakePath.Parse($"{LakeZones.State}/silver/{table}.json");

    public static Task<SilverState?> ReadAsync(ILakeStore lake, string table, CancellationToken ct) =>
        lake.ReadJsonAsync<SilverState>(PathFor(table), ct: ct);

    public Task WriteAsync(ILakeStore lake, CancellationToken ct) => lake.WriteJsonAsync(PathFor(Table), this, ct: ct);
}
