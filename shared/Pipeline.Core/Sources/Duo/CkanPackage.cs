using System.Text.Json.Serialization;

namespace Pipeline.Core.Sources.Duo;

/// <summary>The part of CKAN's <c>package_show</c> answer we use: <c>{"success": true, "result": {...}}</c>.</summary>
public sealed record CkanResponse
{
    [JsonPropertyName("success")] public bool Success { get; init; }
    [JsonPropertyName("result")] public CkanPackage? Result { get; init; }
    [JsonPropertyName("error")] public System.Text.Json.JsonElement? Error { get; init; }
}

public sealed record CkanPackage
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("notes")] public string? Notes { get; init; }
    [JsonPropertyName("resources")] public IReadOnlyList<CkanResource> Resources { get; init; } = [];
}

public sealed record CkanResource
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("format")] public string? Format { get; init; }
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonPropertyName("last_modified")] public string? LastModified { get; init; }
    /// <summary>The resource's place in the package (CKAN's <c>position</c>; the listing order when absent).</summary>
    [JsonPropertyName("position")] public int? Position { get; init; }
}
