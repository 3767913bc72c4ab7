using System.Text.Json.Serialization;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Silver;

/// <summary>
/// <c>_state/silver/{tabel}.json</c>: which raw files the current table came from (<see cref="Inputs"/>; <see cref="Raw"/>
/// is the newest of them). Used to tell whether silver is behind raw, to ignore a raw file older than the current one
/// (a replayed trigger must not roll data back) and to pin a CBS table's column set.
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
    [JsonPropertyName("inputs")] public IReadOnlyList<SilverStateInput> Inputs { get; init; } = [];

    /// <summary>The sha256 of every raw file the table was built from (the single <see cref="RawSha256"/> for older states).</summary>
    public IReadOnlySet<string> InputShas => (Inputs.Count > 0 ? Inputs.Select(i => i.Sha256) : [RawSha256]).ToHashSet(StringComparer.Ordinal);


    public static LakePath PathFor(string table) => LakePath.Parse($"{LakeZones.State}/silver/{table}.json");

    public static Task<SilverState?> ReadAsync(ILakeStore lake, string table, CancellationToken ct) =>
        lake.ReadJsonAsync<SilverState>(PathFor(table), ct: ct);

    public Task WriteAsync(ILakeStore lake, CancellationToken ct) => lake.WriteJsonAsync(PathFor(Table), this, ct: ct);
}

/// <summary>One raw file a silver table was built from, with the resource and year it stands for.</summary>
public sealed record SilverStateInput(
    [property: JsonPropertyName("raw")] string Raw,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("resource")] string? Resource = null,
    [property: JsonPropertyName("jaar")] int? Jaar = null);
