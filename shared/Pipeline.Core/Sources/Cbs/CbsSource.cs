using System.Text.Json;
using Pipeline.Core.Raw;
using Pipeline.Core.Sources.Http;

namespace Pipeline.Core.Sources.Cbs;

/// <summary>One CBS table: assembled page by page into a staged JSON document, then stored content-addressed in raw.</summary>
public sealed class CbsSource(IEnumerable<ICbsTableClient> clients, SourceDoor door, RawWriter raw, TimeProvider? clock = null)
{
    public const string Bron = "cbs";
    public const string Label = "CBS";

    /// <summary>The resource name of the table's version state: <c>_state/http/cbs/{table}/TableInfos.json</c>.</summary>
    public const string TableInfos = "TableInfos";

    public async Task<SourceResult> FetchAsync(string table, CbsTableOptions options, string? runId, CancellationToken ct)
    {
        var source = new SourceRef(Label, Bron, table);
        var client = clients.FirstOrDefault(c => c.Protocol == options.Protocol)
            ?? throw new SourceFetchException(Label, null, $"no OData client for protocol '{options.Protocol}'");
        var retrieved = (clock ?? TimeProvider.System).GetUtcNow();

        // Asked conditionally only while we hold the file the state describes, fetched with the same selection.
        var selection = Selection(client.Protocol, options);
        var statePath = ConditionalGetState.PathFor(Bron, table, TableInfos);
        var known = await ConditionalGetState.ReadAsync(raw.Lake, statePath, ct);
        var current = await CurrentPointer.ReadAsync(raw.Lake, Bron, table, ct);
        if (current is null || known?.Sha256 != current.Sha256 || known.Selection != selection || known.SourceModified is null) known = null;
        var version = await client.ReadVersionAsync(source, table, known, ct);
        if (known is not null && version is not null && (version.NotModified || version.Modified == known.SourceModified))
            return new SourceResult
            {
                Label = Label, Bron = Bron, Dataset = table, Url = version.Url, RawPath = current!.Path, Sha256 = current.Sha256,
                Status = SourceStatus.Unchanged,
                Reason = version.NotModified ? "TableInfos: 304 Not Modified; no page fetched"
                    : $"TableInfos Modified {version.Modified} as at the last download; no page fetched",
            };

        await using var staged = new StagingFile(door.Options.MaxBytes);
        CbsTableStats stats;
        try
        {
            await using var writer = new Utf8JsonWriter(staged.Writer);
            stats = await client.WriteTableAsync(source, table, options, writer, ct);
        }
        catch (SizeLimitExceededException e)
        {
            throw await door.RejectAsync(source, $"table {table}", e.Message, "application/json", staged, ct);
        }

        var stored = await raw.StoreAsync(staged, new RawSidecar
        {
            Bron = Bron, Dataset = table, Extension = "json", ContentType = "application/json", SourceUrl = stats.DataUrl,
            RetrievedAt = retrieved, CbsTable = table, ODataVersion = client.Protocol, CbsModified = version?.Modified,
            Pages = stats.Pages, Rows = stats.Rows, RunId = runId,
        }, ct: ct);
        // Saved after the raw write, so a matching version never hides a table we lack.
        if (version is not null)
            await new ConditionalGetState
            {
                Url = version.Url, ETag = version.ETag, LastModified = version.LastModified, Sha256 = stored.Sha256,
                SourceModified = version.Modified, Selection = selection,
            }.WriteAsync(raw.Lake, statePath, ct);

        return new SourceResult
        {
            Label = Label, Bron = Bron, Dataset = table, Url = stats.DataUrl, RawPath = stored.Path.Value, Sha256 = stored.Sha256,
            Size = stored.Size, Rows = stats.Rows,
            Status = stored.Status == RawStoreStatus.Unchanged ? SourceStatus.Unchanged : SourceStatus.Fetched,
            Reason = stored.Status == RawStoreStatus.Unchanged ? "same content as the current raw file" : $"{stats.Pages} data pages",
        };
    }

    /// <summary>What shapes the raw file besides the table: the protocol and the client-side row filter.</summary>
    private static string Selection(string protocol, CbsTableOptions options) =>
        protocol + " " + JsonSerializer.Serialize(new SortedDictionary<string, string[]>(options.Filter, StringComparer.Ordinal));
}
