using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Core.Raw;

/// <summary>
/// Provenance of one raw file, stored beside it as <c>{sha256}.{ext}.json</c>. Written once, with the first
/// retrieval of that content; fields that do not apply to a source are left out.
/// </summary>
public sealed record RawSidecar
{
    [JsonPropertyName("bron")] public required string Bron { get; init; }
    [JsonPropertyName("dataset")] public required string Dataset { get; init; }
    [JsonPropertyName("sha256")] public string Sha256 { get; init; } = "";
    [JsonPropertyName("size")] public long Size { get; init; }
    [JsonPropertyName("extension")] public required string Extension { get; init; }
    [JsonPropertyName("content_type")] public string? ContentType { get; init; }
    [JsonPropertyName("source_url")] public string? SourceUrl { get; init; }
    [JsonPropertyName("retrieved_at")] public DateTimeOffset RetrievedAt { get; init; }
    /// <summary>HTTP validators as the server sent them (used for conditional GET).</summary>
    [JsonPropertyName("etag")] public string? ETag { get; init; }
    [JsonPropertyName("http_last_modified")] public DateTimeOffset? HttpLastModified { get; init; }
    [JsonPropertyName("ckan_package")] public string? CkanPackage { get; init; }
    [JsonPropertyName("ckan_resource_id")] public string? CkanResourceId { get; init; }
    [JsonPropertyName("ckan_resource_name")] public string? CkanResourceName { get; init; }
    [JsonPropertyName("ckan_resource_position")] public int? CkanResourcePosition { get; init; }
    /// <summary>For a per-year resource: the year, the first word of its name.</summary>
    [JsonPropertyName("ckan_resource_jaar")] public int? CkanResourceJaar { get; init; }
    /// <summary>The silver table the resource feeds (a package can feed several).</summary>
    [JsonPropertyName("silver_table")] public string? SilverTable { get; init; }
    /// <summary>The resource's <c>last_modified</c> from package_show, verbatim (CKAN omits the time zone).</summary>
    [JsonPropertyName("ckan_last_modified")] public string? CkanLastModified { get; init; }
    /// <summary>The provisional-year note found in the package notes, e.g. <c>(voorlopige cijfers 2025)</c>.</summary>
    [JsonPropertyName("voorlopig_note")] public string? VoorlopigNote { get; init; }
    [JsonPropertyName("voorlopig_jaar")] public int? VoorlopigJaar { get; init; }
    [JsonPropertyName("cbs_table")] public string? CbsTable { get; init; }
    [JsonPropertyName("odata_version")] public string? ODataVersion { get; init; }
    /// <summary>The table's <c>Modified</c> from CBS's <c>TableInfos</c>, verbatim (no time zone).</summary>
    [JsonPropertyName("cbs_modified")] public string? CbsModified { get; init; }
    [JsonPropertyName("pages")] public int? Pages { get; init; }
    [JsonPropertyName("rows")] public long? Rows { get; init; }
    [JsonPropertyName("uploaded_name")] public string? UploadedName { get; init; }
    [JsonPropertyName("uploaded_at")] public DateTimeOffset? UploadedAt { get; init; }
    [JsonPropertyName("run_id")] public string? RunId { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Names like 'S-GRAVENHAGE stay readable; the sidecar is never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
