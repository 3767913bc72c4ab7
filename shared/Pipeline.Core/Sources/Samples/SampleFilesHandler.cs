using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Pipeline.Core.Sources.Samples;

/// <summary>
/// Answers the source clients' HTTP requests from the bundled snapshots in <c>samples/</c> instead of the network, so
/// <c>pipeline refresh --sample</c> runs the very same clients, resilience pipeline, door checks and raw writer.
/// Routes (host ignored): <c>/api/3/action/package_show?id=X</c> → <c>duo/X.package_show.json</c>;
/// a resource's download link <c>/dataset/{package}/resource/{resource id}/download/{file}</c> and
/// <c>/datastore/dump/{resource id}</c> → <c>duo/{dataset}/{file}</c>, the file named by that resource's url in the listing;
/// <c>/ODataApi/odata/{t}</c> → <c>cbs/{t}/ODataApi.json</c>; <c>/ODataApi/odata/{t}/{set}</c> → <c>cbs/{t}/{set}.json</c>;
/// <c>/ODataFeed/odata/{t}/TypedDataSet?…$skip=N</c> → <c>cbs/{t}/TypedDataSet.skipN.json</c> (no skip: <c>TypedDataSet.json</c>).
/// </summary>
public sealed class SampleFilesHandler(string samplesDirectory) : HttpMessageHandler
{
    private readonly Lazy<Dictionary<string, string>> _resourceFiles = new(() => IndexResources(samplesDirectory));

    public string Directory => samplesDirectory;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var uri = request.RequestUri!;
        var file = FileFor(uri);
        if (file is null || !File.Exists(file))
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound)
            {
                RequestMessage = request,
                Content = new StringContent($"No sample snapshot for {uri.AbsolutePath}{uri.Query}"),
            });
        var content = new StreamContent(File.OpenRead(file));
        content.Headers.ContentType = new MediaTypeHeaderValue(file.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/json");
        content.Headers.ContentLength = new FileInfo(file).Length;
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = content });
    }

    /// <summary>The snapshot file that answers a request to <paramref name="uri"/> (the routes above), or null; the benchmark's loopback mirror serves by it too.</summary>
    public string? FileFor(Uri uri)
    {
        var segments = uri.AbsolutePath.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        var at = Array.IndexOf(segments, "api");
        if (at >= 0 && segments.Length > at + 3 && segments[^1] == "package_show" && query["id"] is { } id)
            return Safe("duo", id + ".package_show.json");
        at = Array.IndexOf(segments, "dump");
        if (at > 0 && segments[at - 1] == "datastore" && segments.Length > at + 1)
            return _resourceFiles.Value.GetValueOrDefault(segments[at + 1]);
        at = Array.IndexOf(segments, "resource");
        if (at > 0 && segments.Length == at + 4 && segments[at + 2] == "download")
            return _resourceFiles.Value.GetValueOrDefault(segments[at + 1]);
        at = Array.IndexOf(segments, "ODataApi");
        if (at >= 0 && segments.Length == at + 3) return Safe("cbs", segments[at + 2], "ODataApi.json");
        if (at >= 0 && segments.Length == at + 4) return Safe("cbs", segments[at + 2], segments[at + 3] + ".json");
        at = Array.IndexOf(segments, "ODataFeed");
        if (at >= 0 && segments.Length == at + 4)
            return Safe("cbs", segments[at + 2], segments[at + 3] + (query["$skip"] is { } skip ? $".skip{skip}" : "") + ".json");
        return null;
    }

    private string? Safe(params string[] parts)
    {
        if (parts.Any(p => p.Contains("..") || p.Contains('/') || p.Contains('\\'))) return null;
        return Path.Combine([samplesDirectory, .. parts]);
    }

    /// <summary>resource id → CSV snapshot <c>duo/{dataset}/{last segment of the resource url}</c>, from the package_show snapshots.</summary>
    private static Dictionary<string, string> IndexResources(string dir)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var duo = Path.Combine(dir, "duo");
        if (!System.IO.Directory.Exists(duo)) return map;
        foreach (var file in System.IO.Directory.EnumerateFiles(duo, "*.package_show.json"))
        {
            var dataset = Path.GetFileName(file)[..^".package_show.json".Length];
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var r in doc.RootElement.GetProperty("result").GetProperty("resources").EnumerateArray())
            {
                if (!r.TryGetProperty("format", out var f) || !string.Equals(f.GetString(), "CSV", StringComparison.OrdinalIgnoreCase)) continue;
                if (!r.TryGetProperty("url", out var u) || !Uri.TryCreate(u.GetString(), UriKind.Absolute, out var url)) continue;
                var fileName = Uri.UnescapeDataString(url.Segments[^1]);
                if (fileName.Contains("..") || fileName.Contains('/') || fileName.Contains('\\')) continue;
                map[r.GetProperty("id").GetString()!] = Path.Combine(duo, dataset, fileName);
            }
        }
        return map;
    }
}
