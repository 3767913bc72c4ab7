using Pipeline.Core.Lake;
using Pipeline.Core.Raw;
using Pipeline.Core.Sources.Http;

namespace Pipeline.Core.Sources.Duo;

/// <summary>
/// One DUO dataset: package_show → pick the resource → conditional download → validated → raw (content-addressed),
/// with the CKAN resource and the provisional-year note in the sidecar.
/// </summary>
public sealed class DuoSource(CkanClient ckan, RawWriter raw, SourceCatalog catalog, TimeProvider? clock = null)
{
    public const string Bron = "duo";
    public const string Label = "DUO";

    public async Task<SourceResult> FetchAsync(string dataset, DuoDatasetOptions options, string? runId, CancellationToken ct)
    {
        var source = new SourceRef(Label, Bron, dataset);
        var baseUrl = catalog.Duo.BaseUrl.TrimEnd('/');
        var package = await ckan.PackageShowAsync(source, baseUrl, dataset, ct);
        var resource = ResourceSelector.Select(package, dataset, options, out var problem);
        if (problem is not null) throw new SourceFetchException(Label, $"{baseUrl}/api/3/action/package_show?id={dataset}", problem);

        var url = DownloadUrl(baseUrl, resource, options);
        var lake = raw.Lake;
        var state = await ConditionalGetState.ReadAsync(lake, Bron, dataset, ct);
        var current = await CurrentPointer.ReadAsync(lake, Bron, dataset, ct);
        // Conditional only when we still hold what the validators describe.
        var conditional = current is not null && state?.Sha256 == current.Sha256 ? state?.RequestFor(url) : null;

        var retrieved = (clock ?? TimeProvider.System).GetUtcNow();
        await using var fetched = await ckan.DownloadAsync(source, url, conditional, ct);
        if (fetched.NotModified)
            return new SourceResult
            {
                Label = Label, Bron = Bron, Dataset = dataset, Status = SourceStatus.Unchanged, Reason = "304 Not Modified",
                Url = url, RawPath = current!.Path, Sha256 = current.Sha256,
            };

        var provisional = ProvisionalYear.Parse(package.Notes);
        var stored = await raw.StoreAsync(fetched.Body!, new RawSidecar
        {
            Bron = Bron, Dataset = dataset, Extension = "csv", ContentType = fetched.ContentType, SourceUrl = url,
            RetrievedAt = retrieved, ETag = fetched.ETag, HttpLastModified = fetched.LastModified,
            CkanPackage = dataset, CkanResourceId = resource.Id, CkanResourceName = resource.Name,
            CkanLastModified = resource.LastModified, VoorlopigNote = provisional?.Note, VoorlopigJaar = provisional?.Year,
            RunId = runId,
        }, ct: ct);
        await new ConditionalGetState { Url = url, ETag = fetched.ETag, LastModified = fetched.LastModified, Sha256 = stored.Sha256 }
            .WriteAsync(lake, Bron, dataset, ct);

        return new SourceResult
        {
            Label = Label, Bron = Bron, Dataset = dataset, Url = url, RawPath = stored.Path.Value, Sha256 = stored.Sha256, Size = stored.Size,
            Status = stored.Status == RawStoreStatus.Unchanged ? SourceStatus.Unchanged : SourceStatus.Fetched,
            Reason = stored.Status switch
            {
                RawStoreStatus.Unchanged => "same content as the current raw file",
                RawStoreStatus.Reused => "content seen before; pointer moved back to it",
                _ => null,
            },
        };
    }

    /// <summary>The resource's own URL (relative ones resolved against the base), or CKAN's datastore dump.</summary>
    public static string DownloadUrl(string baseUrl, CkanResource resource, DuoDatasetOptions options)
    {
        if (string.Equals(options.Download, "datastore-dump", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(resource.Url))
            return $"{baseUrl}/datastore/dump/{Uri.EscapeDataString(resource.Id)}?format=csv";
        return Uri.TryCreate(resource.Url, UriKind.Absolute, out var abs) && abs.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? abs.ToString()
            : new Uri(new Uri(baseUrl + "/"), resource.Url.TrimStart('/')).ToString();
    }
}
