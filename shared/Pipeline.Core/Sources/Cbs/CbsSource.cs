using System.Text.Json;
using Pipeline.Core.Raw;
using Pipeline.Core.Sources.Http;

namespace Pipeline.Core.Sources.Cbs;

/// <summary>One CBS table: assembled page by page into a staged JSON document, then stored content-addressed in raw.</summary>
public sealed class CbsSource(IEnumerable<ICbsTableClient> clients, SourceDoor door, RawWriter raw, TimeProvider? clock = null)
{
    public const string Bron = "cbs";
    public const string Label = "CBS";

    public async Task<SourceResult> FetchAsync(string table, CbsTableOptions options, string? runId, CancellationToken ct)
    {
        var source = new SourceRef(Label, Bron, table);
        var client = clients.FirstOrDefault(c => c.Protocol == options.Protocol)
            ?? throw new SourceFetchException(Label, null, $"no OData client for protocol '{options.Protocol}'");
        var retrieved = (clock ?? TimeProvider.System).GetUtcNow();

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
            RetrievedAt = retrieved, CbsTable = table, ODataVersion = client.Protocol, Pages = stats.Pages, Rows = stats.Rows,
            RunId = runId,
        }, ct: ct);

        return new SourceResult
        {
            Label = Label, Bron = Bron, Dataset = table, Url = stats.DataUrl, RawPath = stored.Path.Value, Sha256 = stored.Sha256,
            Size = stored.Size, Rows = stats.Rows,
            Status = stored.Status == RawStoreStatus.Unchanged ? SourceStatus.Unchanged : SourceStatus.Fetched,
            Reason = stored.Status == RawStoreStatus.Unchanged ? "same content as the current raw file" : $"{stats.Pages} data pages",
        };
    }
}
