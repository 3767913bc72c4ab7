using System.Text.Json;
using Pipeline.Core.Sources.Http;

namespace Pipeline.Core.Sources.Cbs;

/// <summary>
/// CBS OData v4 (<c>{V4BaseUrl}/{table}/…</c>, e.g. https://datasets.cbs.nl/odata/CBS/85368NED): observations in long
/// form (<c>Id, Measure, ValueAttribute, Value</c> plus one column per dimension), paged by <c>@odata.nextLink</c>.
/// </summary>
/// <remarks>
/// The raw document this writes:
/// <code>
/// { "table": "…", "odata_version": "v4", "source": "{V4BaseUrl}",
///   "MeasureCodes": [ {"Identifier":"M001","Title":…}, … ],
///   "Dimensions": [ {"Identifier":"Perioden","Kind":"TimeDimension",…}, … ],
///   "dimensions": { "Perioden": [ items of PeriodenCodes ], … },
///   "Observations": [ {"Id":0,"Measure":"M001","ValueAttribute":"None","Value":12.0,"Perioden":"2023JJ00",…}, … ] }
/// </code>
/// </remarks>
public sealed class ODataV4Client(HttpClient http, SourceDoor door, SourceCatalog catalog) : ICbsTableClient
{
    public const string NextLink = "@odata.nextLink";

    public string Protocol => "v4";

    /// <summary>v4 is not read through <c>TableInfos</c> here: every refresh fetches the table.</summary>
    public Task<CbsTableVersion?> ReadVersionAsync(SourceRef source, string table, ConditionalGetState? known, CancellationToken ct) =>
        Task.FromResult<CbsTableVersion?>(null);

    public async Task<CbsTableStats> WriteTableAsync(SourceRef source, string table, CbsTableOptions options, Utf8JsonWriter w, CancellationToken ct)
    {
        var baseUrl = catalog.Cbs.V4BaseUrl.TrimEnd('/');
        var root = $"{baseUrl}/{Uri.EscapeDataString(table)}";
        var pager = new ODataPager(http, door, catalog.Cbs.MaxPages);

        w.WriteStartObject();
        w.WriteString("table", table);
        w.WriteString("odata_version", Protocol);
        w.WriteString("source", baseUrl);

        w.WriteStartArray("MeasureCodes");
        await pager.ForEachRowAsync(source, $"{root}/MeasureCodes", NextLink, row => ODataV3Client.Copy(w, row), ct);
        w.WriteEndArray();

        var dims = await pager.ReadAllAsync(source, $"{root}/Dimensions", NextLink, ct);
        w.WriteStartArray("Dimensions");
        foreach (var d in dims) d.WriteTo(w);
        w.WriteEndArray();

        w.WriteStartObject("dimensions");
        foreach (var d in dims)
        {
            if (!d.TryGetProperty("Identifier", out var id) || id.GetString() is not { Length: > 0 } name) continue;
            w.WriteStartArray(name);
            await pager.ForEachRowAsync(source, $"{root}/{Uri.EscapeDataString(name)}Codes", NextLink, row => ODataV3Client.Copy(w, row), ct);
            w.WriteEndArray();
        }
        w.WriteEndObject();

        var dataUrl = $"{root}/Observations";
        return await pager.WriteDataRowsAsync(source, w, "Observations", dataUrl, NextLink, new CbsRowFilter(options.Filter), ct);
    }
}
