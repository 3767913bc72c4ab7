using System.Text;
using Pipeline.Core.Lake;
using Pipeline.Core.Raw;
using Pipeline.Core.Sources.Http;
using Sylvan.Data.Csv;

namespace Pipeline.Core.Sources.Uploads;

/// <summary>
/// Moves uploads from <c>landing/job/</c> and <c>landing/ambities/</c> into raw: the same door checks as downloads,
/// content-addressed, sidecar with the uploaded name and time. The landing file is removed once it is safe in raw
/// or in quarantine, so an upload is handled exactly once.
/// </summary>
public sealed class UploadIngestor(ILakeStore lake, RawWriter raw, Quarantine quarantine, SourceCatalog catalog, TimeProvider? clock = null)
{
    /// <summary>Every pending upload of every folder; a folder with nothing pending reports unchanged.</summary>
    public async Task<IReadOnlyList<SourceResult>> IngestPendingAsync(string? runId, CancellationToken ct)
    {
        var results = new List<SourceResult>();
        foreach (var folder in UploadFolders.All)
        {
            var pending = new List<LakeEntry>();
            await foreach (var e in lake.ListAsync(folder.Folder, ct)) pending.Add(e);
            if (pending.Count == 0)
            {
                results.Add(new SourceResult
                {
                    Label = folder.Label, Bron = folder.Bron, Dataset = folder.Dataset, Status = SourceStatus.Unchanged,
                    Reason = $"no new uploads in {folder.Folder}",
                });
                continue;
            }
            foreach (var e in pending)
                results.Add(await GuardAsync(folder, e, () => IngestOneAsync(folder, e, runId, ct), ct));
        }
        return results;
    }

    /// <summary>One bad file never fails its batch: an unexpected failure is that upload's failed result.</summary>
    private static async Task<SourceResult> GuardAsync(UploadFolder folder, LakeEntry entry, Func<Task<SourceResult>> ingest, CancellationToken ct)
    {
        try
        {
            return await ingest();
        }
        catch (LakeFileNotFoundException e) when (e.LakePath == entry.Path)
        {
            // A concurrent run took it between our listing and our read; it removes a landing file only once the
            // upload is safe in raw or in quarantine.
            return new SourceResult
            {
                Label = folder.Label, Bron = folder.Bron, Dataset = folder.Dataset, Status = SourceStatus.Unchanged, Url = entry.Path.Value,
                Reason = $"{entry.Path}: taken by a concurrent run",
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new SourceResult
            {
                Label = folder.Label, Bron = folder.Bron, Dataset = folder.Dataset, Status = SourceStatus.Failed, Url = entry.Path.Value,
                Reason = $"{entry.Path}: {Runs.Capped.Text(e.Message)}",
            };
        }
    }

    /// <summary>One upload (the blob trigger's entry point). Failures come back as a failed result, not an exception.</summary>
    public async Task<SourceResult> IngestAsync(LakePath landing, string? runId, CancellationToken ct)
    {
        var folder = UploadFolders.For(landing.Value)
            ?? throw new ArgumentException($"'{landing}' is not in a known landing folder ({string.Join(", ", UploadFolders.All.Select(f => f.Folder))}).");
        LakeEntry? entry = null;
        await foreach (var e in lake.ListAsync(landing.Value, ct))
            if (e.Path == landing) entry = e;
        if (entry is null) throw new LakeFileNotFoundException(lake.Location, landing);
        return await IngestOneAsync(folder, entry, runId, ct);
    }

    private async Task<SourceResult> IngestOneAsync(UploadFolder folder, LakeEntry entry, string? runId, CancellationToken ct)
    {
        var name = entry.Path.FileName;
        var ext = Path.GetExtension(name).TrimStart('.').ToLowerInvariant();
        var result = new SourceResult { Label = folder.Label, Bron = folder.Bron, Dataset = folder.Dataset, Status = SourceStatus.Failed, Url = entry.Path.Value };

        // An ambitions file is small (it is parsed in memory); anything larger is refused at the door.
        await using var staged = new StagingFile(folder == UploadFolders.Ambities ? Math.Min(Gold.AmbitionsFile.MaxBytes, catalog.Http.MaxBytes) : catalog.Http.MaxBytes);
        string? problem = null;
        try
        {
            await using var input = await lake.OpenReadAsync(entry.Path, ct);
            await staged.CopyFromAsync(input, ct);
        }
        catch (SizeLimitExceededException e) { problem = e.Message; }
        await staged.CompleteAsync(ct);

        if (problem is null && !folder.Extensions.Contains(ext))
            problem = $"'.{ext}' files are not accepted in {folder.Folder}; use {string.Join(" or ", folder.Extensions.Select(x => "." + x))}";
        if (problem is null)
        {
            var expected = ext == "xlsx" ? ExpectedContent.Xlsx : ExpectedContent.Csv;
            problem = DoorValidator.Check(expected, null, await staged.HeadAsync(DoorValidator.SniffBytes, ct), staged.Length)
                ?? CheckHeader(folder, staged, ext);
        }

        if (problem is not null)
        {
            await using (var body = staged.OpenRead())
                await quarantine.KeepAsync(Quarantine.BronzePath(folder.Bron, folder.Dataset, staged.Sha256, ext.Length == 0 ? "bin" : ext), new QuarantineReason
                {
                    Stage = "bronze", Dataset = $"{folder.Bron}/{folder.Dataset}", Source = entry.Path.Value, Reason = problem, Size = staged.Length,
                }, body, ct);
            await lake.DeleteAsync(entry.Path, ct);
            return result with { Reason = $"{entry.Path}: rejected: {problem}" };
        }

        var stored = await raw.StoreAsync(staged, new RawSidecar
        {
            Bron = folder.Bron, Dataset = folder.Dataset, Extension = ext,
            ContentType = ext == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv",
            SourceUrl = entry.Path.Value, RetrievedAt = (clock ?? TimeProvider.System).GetUtcNow(),
            UploadedName = name, UploadedAt = entry.LastModified, RunId = runId,
        }, folder.Accumulate, ct);
        await lake.DeleteAsync(entry.Path, ct);

        return result with
        {
            Status = stored.Status == RawStoreStatus.Unchanged ? SourceStatus.Unchanged : SourceStatus.Fetched,
            Reason = stored.Status == RawStoreStatus.Unchanged ? $"{name}: same content as an upload already in raw" : $"upload {name}",
            RawPath = stored.Path.Value, Sha256 = stored.Sha256, Size = stored.Size,
        };
    }

    /// <summary>The required header, on the first line of a CSV or the first row of the first sheet.</summary>
    private static string? CheckHeader(UploadFolder folder, StagingFile staged, string ext)
    {
        if (folder.RequiredHeader is null) return null;
        string?[]? header;
        try
        {
            using var s = staged.OpenRead();
            if (ext == "xlsx")
                header = XlsxSheetReader.ReadFirstSheet(s).FirstOrDefault();
            else
            {
                using var text = new StreamReader(s, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
                using var csv = CsvDataReader.Create(text, Silver.CsvLimits.Options(',', hasHeaders: false));
                header = csv.Read() ? Enumerable.Range(0, csv.RowFieldCount).Select(csv.GetString).ToArray() : null;
            }
        }
        catch (CsvRecordTooLargeException)
        {
            return Silver.CsvLimits.TooLong(1);
        }
        catch (CsvFormatException e)
        {
            return $"line 1: the header is not valid CSV: {e.Message}";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"the workbook cannot be read: {e.Message}";
        }
        var found = (header ?? []).Select(h => (h ?? "").Trim().ToLowerInvariant()).Where(h => h.Length > 0).ToList();
        if (found.SequenceEqual(folder.RequiredHeader)) return null;
        var missing = folder.RequiredHeader.Except(found).ToList();
        var extra = found.Except(folder.RequiredHeader).ToList();
        return $"line 1: the header must be '{string.Join(",", folder.RequiredHeader)}' but is '{string.Join(",", found)}'" +
               (missing.Count > 0 ? $"; missing: {string.Join(", ", missing)}" : "") +
               (extra.Count > 0 ? $"; unexpected: {string.Join(", ", extra)}" : "");
    }
}
