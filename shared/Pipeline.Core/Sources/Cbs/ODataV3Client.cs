using System.Text.Json;
using Pipeline.Core.Sources.Http;

namespace Pipeline.Core.Sources.Cbs;

/// <summary>
/// CBS StatLine OData v3. Metadata from <c>{BaseUrl}/ODataApi/odata/{table}</c> (the service document lists the entity
/// sets; every set that is not one of the fixed ones is a dimension code list), data from
/// <c>{BaseUrl}/ODataFeed/odata/{table}/TypedDataSet?$format=json</c> following <c>odata.nextLink</c> until absent.
/// </summary>
/// <remarks>
/// The raw document this writes (the contract with the silver stage):
/// <code>
/// { "table": "85368NED", "odata_version": "v3", "source": "{BaseUrl}",
///   "DataProperties": [ {"ID":0,"Key":"Onderwijssoort","Type":"Dimension",...}, {"Key":"Deelnemers_1","Type":"Topic",...} ],
///   "dimensions": { "Onderwijssoort": [ {"Key":"A025284 ","Title":"Mbo",...} ], "Perioden": [ ... ] },
///   "TypedDataSet": [ {"ID":0,"Onderwijssoort":"A025284 ","Perioden":"2023JJ00","Deelnemers_1":123.0,...}, ... ] }
/// </code>
/// Items are copied verbatim from the pages: codes keep their trailing spaces, <c>null</c> stays null.
/// </remarks>
public sealed class ODataV3Client(HttpClient http, SourceDoor door, SourceCatalog catalog) : ICbsTableClient
{
    /// <summary>Entity sets of a v3 table that are not dimension code lists.</summary>
    public static readonly IReadOnlySet<string> FixedSets =
        new HashSet<string>(StringComparer.Ordinal) { "TableInfos", "UntypedDataSet", "TypedDataSet", "DataProperties", "CategoryGroups" };

    public const string NextLink = "odata.nextLink";

    public string Protocol => "v3";

    /// <summary>
    /// <c>{BaseUrl}/ODataApi/odata/{table}/TableInfos</c>: one item whose <c>Modified</c> changes when CBS revises the
    /// table (the <c>cbsodata</c> package reads it the same way). A TableInfos that cannot be read is no version: the
    /// pages then say what the table holds, and their own errors are the ones reported.
    /// </summary>
    public async Task<CbsTableVersion?> ReadVersionAsync(SourceRef source, string table, ConditionalGetState? known, CancellationToken ct)
    {
        var url = $"{catalog.Cbs.BaseUrl.TrimEnd('/')}/ODataApi/odata/{Uri.EscapeDataString(table)}/TableInfos?$format=json";
        try
        {
            await using var fetched = await door.GetAsync(http, source, url, ExpectedContent.Json, known?.RequestFor(url), ct);
            if (fetched.NotModified)
                return new CbsTableVersion(url, known!.SourceModified, fetched.ETag, fetched.LastModified, NotModified: true);
            await using var s = fetched.Body!.OpenRead();
            using var doc = await JsonDocument.ParseAsync(s, cancellationToken: ct);
            var modified = doc.RootElement.TryGetProperty("value", out var items) && items.ValueKind == JsonValueKind.Array
                && items.GetArrayLength() == 1 && items[0].TryGetProperty("Modified", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString() : null;
            return new CbsTableVersion(url, modified, fetched.ETag, fetched.LastModified);
        }
        catch (Exception e) when (e is SourceFetchException or JsonException)
        {
            return new CbsTableVersion(url, null, null, null);
        }
    }

    public async Task<CbsTableStats> WriteTableAsync(SourceRef source, string table, CbsTableOptions options, Utf8JsonWriter w, CancellationToken ct)
    {
        var baseUrl = catalog.Cbs.BaseUrl.TrimEnd('/');
        var api = $"{baseUrl}/ODataApi/odata/{Uri.EscapeDataString(table)}";
        var pager = new ODataPager(http, door, catalog.Cbs.MaxPages);

        var sets = await pager.ReadAllAsync(source, $"{api}?$format=json", NextLink, ct);
        var dimensions = sets
            .Select(s => s.TryGetProperty("name", out var n) ? n.GetString() : null)
            .Where(n => n is not null && !FixedSets.Contains(n))
            .Cast<string>()
            .ToList();
        if (dimensions.Count == 0)
            throw new SourceFetchException(source.Label, api, "the table's service document lists no dimension code lists");

        w.WriteStartObject();
        w.WriteString("table", table);
        w.WriteString("odata_version", Protocol);
        w.WriteString("source", baseUrl);

        w.WriteStartArray("DataProperties");
        await pager.ForEachRowAsync(source, $"{api}/DataProperties?$format=json", NextLink, row => Copy(w, row), ct);
        w.WriteEndArray();

        w.WriteStartObject("dimensions");
        foreach (var dim in dimensions)
        {
            w.WriteStartArray(dim);
            await pager.ForEachRowAsync(source, $"{api}/{Uri.EscapeDataString(dim)}?$format=json", NextLink, row => Copy(w, row), ct);
            w.WriteEndArray();
        }
        w.WriteEndObject();

        var dataUrl = $"{baseUrl}/ODataFeed/odata/{Uri.EscapeDataString(table)}/TypedDataSet?$format=json";
        return await pager.WriteDataRowsAsync(source, w, "TypedDataSet", dataUrl, NextLink, new CbsRowFilter(options.Filter), ct);
    }

    internal static async ValueTask Copy(Utf8JsonWriter w, JsonElement row)
    {
        row.WriteTo(w);
        if (w.BytesPending > 64 * 1024) await w.FlushAsync();
    }
}
