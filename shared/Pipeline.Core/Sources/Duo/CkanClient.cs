using System.Text.Json;
using Pipeline.Core.Sources.Http;

namespace Pipeline.Core.Sources.Duo;

/// <summary>Typed client for DUO's CKAN portal: package metadata and resource downloads, through the door.</summary>
public sealed class CkanClient(HttpClient http, SourceDoor door)
{
    public async Task<CkanPackage> PackageShowAsync(SourceRef source, string baseUrl, string packageId, CancellationToken ct)
    {
        var url = $"{baseUrl.TrimEnd('/')}/api/3/action/package_show?id={Uri.EscapeDataString(packageId)}";
        await using var fetched = await door.GetAsync(http, source, url, ExpectedContent.Json, null, ct);
        CkanResponse? answer;
        try
        {
            await using var s = fetched.Body!.OpenRead();
            answer = await JsonSerializer.DeserializeAsync<CkanResponse>(s, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            throw await door.RejectAsync(source, url, $"package_show is not valid JSON: {e.Message}", fetched.ContentType, fetched.Body, ct);
        }
        if (answer is not { Success: true, Result: { } package })
            throw new SourceFetchException(source.Label, url, $"package_show for '{packageId}' did not succeed: {answer?.Error?.ToString() ?? "no result"}");
        return package;
    }

    public Task<FetchedBody> DownloadAsync(SourceRef source, string url, ConditionalRequest? conditional, CancellationToken ct) =>
        door.GetAsync(http, source, url, ExpectedContent.Csv, conditional, ct);
}
