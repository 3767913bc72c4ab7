using System.Text.Json;
using Pipeline.Core.Sources.Http;

namespace Pipeline.Core.Sources.Cbs;

/// <summary>
/// Follows an OData collection page by page (<c>value</c> + next link) through the door. Each page is staged on
/// disk and parsed on its own, so memory holds one page at a time.
/// </summary>
public sealed class ODataPager(HttpClient http, SourceDoor door, int maxPages)
{
    /// <summary>
    /// Streams the data rows of a table (the large part) into <paramref name="w"/> as the array <paramref name="arrayName"/>,
    /// keeping the rows <paramref name="filter"/> accepts, and closes the document. Shared by the v3 and v4 clients.
    /// </summary>
    public async Task<CbsTableStats> WriteDataRowsAsync(SourceRef source, Utf8JsonWriter w, string arrayName, string dataUrl,
        string nextLinkKey, CbsRowFilter filter, CancellationToken ct)
    {
        long rows = 0;
        w.WriteStartArray(arrayName);
        var pages = await ForEachRowAsync(source, dataUrl, nextLinkKey, async row =>
        {
            if (!filter.Accepts(row)) return;
            rows++;
            row.WriteTo(w);
            if (w.BytesPending > 64 * 1024) await w.FlushAsync(ct);
        }, ct);
        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(ct);
        return new CbsTableStats(dataUrl, pages, rows);
    }

    /// <summary>Calls <paramref name="onRow"/> for every item of every page; returns the number of pages.</summary>
    public async Task<int> ForEachRowAsync(SourceRef source, string firstUrl, string nextLinkKey,
        Func<JsonElement, ValueTask> onRow, CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var url = firstUrl;
        var pages = 0;
        while (url is not null)
        {
            if (!seen.Add(url))
                throw new SourceFetchException(source.Label, url, $"the next link points back to a page already read (page {pages + 1})");
            if (++pages > maxPages)
                throw new SourceFetchException(source.Label, url, $"more than {maxPages} pages (Sources:Cbs:MaxPages)");

            await using var fetched = await door.GetAsync(http, source, url, ExpectedContent.Json, null, ct);
            JsonDocument doc;
            try
            {
                await using var s = fetched.Body!.OpenRead();
                doc = await JsonDocument.ParseAsync(s, cancellationToken: ct);
            }
            catch (JsonException e)
            {
                throw await door.RejectAsync(source, url, $"page {pages} is not valid JSON: {e.Message}", fetched.ContentType, fetched.Body, ct);
            }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object ||
                    !doc.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
                    throw await door.RejectAsync(source, url, $"page {pages} has no 'value' array: not an OData collection", fetched.ContentType, fetched.Body, ct);
                foreach (var row in value.EnumerateArray())
                    await onRow(row);
                url = doc.RootElement.TryGetProperty(nextLinkKey, out var next) && next.ValueKind == JsonValueKind.String
                    ? new Uri(new Uri(url), next.GetString()!).ToString()
                    : null;
            }
        }
        return pages;
    }

    /// <summary>The <c>value</c> items of a small collection (a service document, a code list), copied out.</summary>
    public async Task<List<JsonElement>> ReadAllAsync(SourceRef source, string url, string nextLinkKey, CancellationToken ct)
    {
        var items = new List<JsonElement>();
        await ForEachRowAsync(source, url, nextLinkKey, row => { items.Add(row.Clone()); return ValueTask.CompletedTask; }, ct);
        return items;
    }
}
