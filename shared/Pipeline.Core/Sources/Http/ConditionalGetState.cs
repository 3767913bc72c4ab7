using System.Text.Json.Serialization;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Sources.Http;

/// <summary>
/// <c>_state/http/{bron}/{dataset}/{resource id}.json</c>: the ETag / Last-Modified of the last download of a resource
/// that made it into raw, so the next request can be conditional. Saved only after the raw write, so a 304 never
/// hides a file we lack.
/// </summary>
public sealed record ConditionalGetState
{
    [JsonPropertyName("url")] public required string Url { get; init; }
    [JsonPropertyName("etag")] public string? ETag { get; init; }
    [JsonPropertyName("last_modified")] public DateTimeOffset? LastModified { get; init; }
    [JsonPropertyName("sha256")] public string? Sha256 { get; init; }
    /// <summary>A version the source states in its body (CBS: <c>TableInfos.Modified</c>), compared verbatim.</summary>
    [JsonPropertyName("source_modified")] public string? SourceModified { get; init; }
    /// <summary>What was asked of the source besides the URL (CBS: protocol and row filter): another ask is another download.</summary>
    [JsonPropertyName("selection")] public string? Selection { get; init; }

    public static LakePath PathFor(string bron, string dataset, string resourceId) =>
        LakePath.Parse($"{LakeZones.State}/http/{bron}/{dataset}/{Uri.EscapeDataString(resourceId)}.json");

    public ConditionalRequest? RequestFor(string url) =>
        Url == url && (ETag is not null || LastModified is not null) ? new ConditionalRequest(ETag, LastModified) : null;

    public static Task<ConditionalGetState?> ReadAsync(ILakeStore lake, LakePath path, CancellationToken ct) =>
        lake.ReadJsonAsync<ConditionalGetState>(path, ct: ct);

    public Task WriteAsync(ILakeStore lake, LakePath path, CancellationToken ct) => lake.WriteJsonAsync(path, this, ct: ct);
}
