using Pipeline.Core.Datasets;
using Pipeline.Core.Lake;
using Pipeline.Core.Raw;
using Pipeline.Core.Silver;
using Pipeline.Core.Sources.Http;

namespace Pipeline.Core.Sources.Duo;

/// <summary>
/// One DUO dataset (a CKAN package): package_show → the resources its tables' rules select → per resource a
/// conditional download, the header checked against the table's schema at the door, then raw (content-addressed)
/// with the resource, its position and year and the provisional-year note in the sidecar. One result per resource,
/// one per selection problem, and a warning for every resource that left the package.
/// </summary>
public sealed class DuoSource(CkanClient ckan, RawWriter raw, SourceDoor door, SourceCatalog catalog, TimeProvider? clock = null)
{
    public const string Bron = "duo";
    public const string Label = "DUO";

    public async Task<IReadOnlyList<SourceResult>> FetchAsync(string dataset, DuoDatasetOptions options, string? runId, CancellationToken ct)
    {
        var declaration = DatasetCatalog.Find(Bron, dataset)
            ?? throw new InvalidOperationException($"DUO dataset '{dataset}' is not declared in DatasetCatalog.");
        var source = new SourceRef(Label, Bron, dataset);
        var baseUrl = catalog.Duo.BaseUrl.TrimEnd('/');
        var packageUrl = $"{baseUrl}/api/3/action/package_show?id={dataset}";
        var package = await ckan.PackageShowAsync(source, baseUrl, dataset, ct);
        var selection = ResourceSelector.Select(package, declaration, options.Rules(declaration));

        var results = selection.Problems
            .Select(p => Failed(dataset, null, packageUrl, p.Problem))
            .ToList();
        var provisional = ProvisionalYear.Parse(package.Notes);
        foreach (var selected in selection.Selected)
        {
            var url = DownloadUrl(baseUrl, selected.Resource, options);
            try
            {
                results.Add(await FetchResourceAsync(source, declaration, selected, url, provisional, runId, ct));
            }
            catch (SourceFetchException e)
            {
                results.Add(Failed(dataset, selected.Resource.Name, e.Url, e.Message));
            }
        }

        var gone = await raw.ReconcileResourcesAsync(Bron, dataset,
            package.Resources.Select(r => r.Id).ToHashSet(), selection.Selected.Select(s => s.Resource.Id).ToHashSet(),
            keep: r => selection.Failed(r.Table), ct);
        results.AddRange(gone.Select(g => new SourceResult
        {
            Label = Label, Bron = Bron, Dataset = dataset, Resource = g.Name, Status = SourceStatus.Unchanged, Url = packageUrl,
            RawPath = g.Path, Sha256 = g.Sha256,
            Warning = $"resource {g.Describe()} of package '{dataset}' is no longer in the package listing (since {g.GoneSince:yyyy-MM-dd}); "
                + $"its last raw file {g.Path} stays current and its data stays in {g.Table}",
        }));
        return results;
    }

    private async Task<SourceResult> FetchResourceAsync(SourceRef source, DatasetDeclaration declaration, SelectedResource selected,
        string url, (string Note, int Year)? provisional, string? runId, CancellationToken ct)
    {
        var (resource, table) = (selected.Resource, selected.Table);
        var lake = raw.Lake;
        var statePath = ConditionalGetState.PathFor(Bron, source.Dataset, resource.Id);
        var state = await ConditionalGetState.ReadAsync(lake, statePath, ct);
        var current = (await CurrentPointer.ReadAsync(lake, Bron, source.Dataset, ct))?.Resource(resource.Id);
        // Conditional only when we still hold what the validators describe.
        var conditional = current is not null && state?.Sha256 == current.Sha256 ? state.RequestFor(url) : null;

        var retrieved = (clock ?? TimeProvider.System).GetUtcNow();
        await using var fetched = await ckan.DownloadAsync(source, url, conditional, ct);
        var result = new SourceResult { Label = Label, Bron = Bron, Dataset = source.Dataset, Resource = resource.Name, Url = url, Status = SourceStatus.Unchanged };
        if (fetched.NotModified)
            return result with { Reason = "304 Not Modified", RawPath = current!.Path, Sha256 = current.Sha256 };

        if (await HeaderProblemAsync(declaration, selected, fetched.Body!, ct) is { } problem)
            throw await door.RejectAsync(source, url, problem, fetched.ContentType, fetched.Body, ct);

        var stored = await raw.StoreResourceAsync(fetched.Body!, new RawSidecar
        {
            Bron = Bron, Dataset = source.Dataset, Extension = "csv", ContentType = fetched.ContentType, SourceUrl = url,
            RetrievedAt = retrieved, ETag = fetched.ETag, HttpLastModified = fetched.LastModified,
            CkanPackage = source.Dataset, CkanResourceId = resource.Id, CkanResourceName = resource.Name,
            CkanResourcePosition = selected.Position, CkanResourceJaar = selected.Jaar, SilverTable = table.Name,
            CkanLastModified = resource.LastModified, VoorlopigNote = provisional?.Note, VoorlopigJaar = provisional?.Year,
            RunId = runId,
        }, new RawResource(resource.Id, resource.Name, selected.Position, table.Name, selected.Jaar), ct);
        await new ConditionalGetState { Url = url, ETag = fetched.ETag, LastModified = fetched.LastModified, Sha256 = stored.Sha256 }
            .WriteAsync(lake, statePath, ct);

        return result with
        {
            RawPath = stored.Path.Value, Sha256 = stored.Sha256, Size = stored.Size,
            Status = stored.Status == RawStoreStatus.Unchanged ? SourceStatus.Unchanged : SourceStatus.Fetched,
            Reason = stored.Status switch
            {
                RawStoreStatus.Unchanged => "same content as the current raw file",
                RawStoreStatus.Reused => "content seen before; pointer moved back to it",
                _ => null,
            },
        };
    }

    /// <summary>
    /// The header guard at the door: the resource's header must be its table's (the same check silver makes), so a
    /// resource of another shape or with a lost column never reaches raw. Null when it fits.
    /// </summary>
    private static async Task<string?> HeaderProblemAsync(DatasetDeclaration declaration, SelectedResource selected, StagingFile body, CancellationToken ct)
    {
        if (selected.Table.Bind is not { } bind) return null;
        var name = $"DUO {declaration.Dataset}, resource '{selected.Resource.Name}'";
        try
        {
            await using var csv = await CsvRecordSource.OpenAsync(body.OpenRead(), name, ct);
            bind(new RowContext(name, csv.Header, ResourceYear: selected.Jaar));
            return null;
        }
        catch (SchemaDriftException e)
        {
            return $"{e.Message}; the resource is not used and the table {selected.Table.Name} keeps its previous data";
        }
    }

    private static SourceResult Failed(string dataset, string? resource, string? url, string reason) => new()
    {
        Label = Label, Bron = Bron, Dataset = dataset, Resource = resource, Status = SourceStatus.Failed, Url = url, Reason = reason,
    };

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
