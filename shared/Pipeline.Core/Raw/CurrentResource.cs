using System.Text.Json.Serialization;

namespace Pipeline.Core.Raw;

/// <summary>
/// One selected resource of a multi-resource dataset (a CKAN package) in the dataset's current pointer: which
/// resource, which silver table it feeds, its year when the table takes one resource per year, and its current raw file.
/// </summary>
public sealed record CurrentResource
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("position")] public int Position { get; init; }
    [JsonPropertyName("table")] public required string Table { get; init; }
    [JsonPropertyName("jaar")] public int? Jaar { get; init; }
    [JsonPropertyName("path")] public required string Path { get; init; }
    [JsonPropertyName("sha256")] public required string Sha256 { get; init; }
    [JsonPropertyName("sidecar")] public required string Sidecar { get; init; }
    [JsonPropertyName("updated_at")] public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Set when the resource vanished from the package listing: its last file stays current (its data stays).</summary>
    [JsonPropertyName("gone_since")] public DateTimeOffset? GoneSince { get; init; }

    public string Describe() => $"'{Name}' (id {Id}, position {Position}{(Jaar is { } j ? $", jaar {j}" : "")})";
}

/// <summary>What the raw writer needs to know about the resource a file came from.</summary>
public sealed record RawResource(string Id, string? Name, int Position, string Table, int? Jaar);
