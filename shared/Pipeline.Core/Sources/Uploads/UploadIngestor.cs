using System.Text;
using Pipeline.Core.Gold;
using Pipeline.Core.Lake;
using Pipeline.Core.Raw;
using Pipeline.Core.Sources.Http;
using Sylvan.Data.Csv;

namespace Pipeline.Core.Sources.Uploads;

/// <summary>
/// Moves uploads from <c>landing/job/</c> and <c>landing/ambities/</c> into raw: the same door checks as downloads,
/// content-addressed, sidecar with the uploaded name and time. The landing file is removed once it is safe in raw
/// or in quarantine, so an upload is handled exactly once. Only regular files pass: a link, FIFO or device, or a
/// name the lake cannot store, is refused visibly (quarantine and a reason) instead of being skipped. A refused
/// upload is kept whole, under its content hash, so the same bytes offered again are kept and reported once; one
/// bad upload never stops the others.
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
            var strays = new List<Stray>();
            if (lake is IStrayFiles s)
                await foreach (var stray in s.ListStraysAsync(folder.Folder, ct)) strays.Add(stray);
            if (pending.Count == 0 && strays.Count == 0)
            {
                results.Add(new SourceResult
                {
                    Label = folder.Label, Bron = folder.Bron, Dataset = folder.Dataset, Status = SourceStatus.Unchanged,
                    Reason = $"no new uploads in {folder.Folder}",
                });
                continue;
            }
            foreach (var e in pending)
                results.Add(await GuardAsync(folder, e.Path.Value, () => IngestOneAsync(folder, e, runId, ct), ct));
            foreach (var stray in strays)
                results.Add(await GuardAsync(folder, Shown(stray.Name), () => RefuseAsync(folder, stray, runId, ct), ct));
        }
        return results;
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

    /// <summary>An upload that could not be handled (I/O, a backend error) fails alone and stays in landing for the next run.</summary>
    private static async Task<SourceResult> GuardAsync(UploadFolder folder, string name, Func<Task<SourceResult>> ingest, CancellationToken ct)
    {
        try { return await ingest(); }
        catch (LakeFileNotFoundException e) when (e.LakePath.Value == name)
        {
            // A concurrent run took it between our listing and our read; it removes a landing file only once the
            // upload is safe in raw or in quarantine.
            return new SourceResult
            {
                Label = folder.Label, Bron = folder.Bron, Dataset = folder.Dataset, Status = SourceStatus.Unchanged, Url = name,
                Reason = $"{name}: taken by a concurrent run",
            };
        }
        catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            return new SourceResult
            {
                Label = folder.Label, Bron = folder.Bron, Dataset = folder.Dataset, Status = SourceStatus.Failed, Url = name,
                Reason = $"{name}: not ingested, left in landing for the next run: {e.GetType().Name}: {Runs.Capped.Text(e.Message)}",
            };
        }
    }

    private async Task<SourceResult> IngestOneAsync(UploadFolder folder, LakeEntry entry, string? runId, CancellationToken ct)
    {
        var name = entry.Path.FileName;
        var ext = Path.GetExtension(name).TrimStart('.').ToLowerInvariant();
        var result = new SourceResult { Label = folder.Label, Bron = folder.Bron, Dataset = folder.Dataset, Status = SourceStatus.Failed, Url = entry.Path.Value };

        // An ambitions file is small (it is parsed in memory); anything larger is refused at the door, kept whole.
        await using var staged = new StagingFile(folder == UploadFolders.Ambities ? Math.Min(Gold.AmbitionsFile.MaxBytes, catalog.Http.MaxBytes) : catalog.Http.MaxBytes);
        try
        {
            await using var input = await lake.OpenReadAsync(entry.Path, ct);
            await staged.CopyFromAsync(input, ct);
        }
        catch (SizeLimitExceededException e)
        {
            // Never truncated: the whole upload goes to quarantine, straight from landing.
            var problem = $"{e.Message} (Sources:Http:MaxBytes)";
            var kept = await KeepWholeAsync(folder, ext, () => lake.OpenReadAsync(entry.Path, ct), entry.Path.Value, problem, runId, ct);
            await lake.DeleteAsync(entry.Path, ct);
            return result with { Reason = $"{entry.Path}: rejected: {problem}; kept whole in {kept}" };
        }
        await staged.CompleteAsync(ct);

        var rejection = !folder.Extensions.Contains(ext)
            ? $"'.{ext}' files are not accepted in {folder.Folder}; use {string.Join(" or ", folder.Extensions.Select(x => "." + x))}"
            : DoorValidator.Check(ext == "xlsx" ? ExpectedContent.Xlsx : ExpectedContent.Csv, null,
                  await staged.HeadAsync(DoorValidator.SniffBytes, ct), staged.Length)
              ?? CheckHeader(folder, staged, ext)
              ?? await CheckAmbitionsAsync(folder, staged, name, ct);

        if (rejection is not null)
        {
            var target = Quarantine.BronzeUploadPath(folder.Bron, folder.Dataset, staged.Sha256, ext);
            if (!await lake.ExistsAsync(target, ct))
                await using (var body = staged.OpenRead())
                    await quarantine.KeepAsync(target, new QuarantineReason
                    {
                        Stage = "bronze", Dataset = $"{folder.Bron}/{folder.Dataset}", Source = entry.Path.Value, Reason = rejection,
                        Size = staged.Length, RunId = runId,
                    }, body, ct);
            await lake.DeleteAsync(entry.Path, ct);
            return result with { Reason = $"{entry.Path}: rejected: {rejection}; kept in {target}" };
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
            Reason = stored.Status switch
            {
                RawStoreStatus.Unchanged => $"{name}: same content as an upload already in raw",
                RawStoreStatus.Reused => $"upload {name}: same content as an earlier upload, which is current again",
                _ => $"upload {name}",
            },
            RawPath = stored.Path.Value, Sha256 = stored.Sha256, Size = stored.Size,
        };
    }

    /// <summary>
    /// A landing entry the lake lists apart (<see cref="Stray"/>): a regular file with a name the lake cannot store is
    /// kept whole under its content hash, with the original name in the reason; a link, FIFO or device is never
    /// followed or read, only its reason is kept. Either way the entry leaves landing, and the run reports it once.
    /// </summary>
    private async Task<SourceResult> RefuseAsync(UploadFolder folder, Stray stray, string? runId, CancellationToken ct)
    {
        var strays = (IStrayFiles)lake;
        var shown = Shown(stray.Name);
        var problem = $"the landing entry '{shown}' is refused: {stray.Problem} (original name: '{shown}')";
        LakePath kept;
        if (stray.IsRegularFile)
        {
            var ext = Path.GetExtension(stray.Name);
            kept = await KeepWholeAsync(folder, ext, () => strays.OpenStrayAsync(stray, ct), shown, problem, runId, ct);
        }
        else
        {
            kept = Quarantine.RefusedEntryPath(folder.Bron, folder.Dataset, stray.Name);
            if (!await lake.ExistsAsync(Quarantine.ReasonPath(kept), ct))
                await quarantine.KeepAsync(kept, new QuarantineReason
                {
                    Stage = "bronze", Dataset = $"{folder.Bron}/{folder.Dataset}", Source = shown, Reason = problem, RunId = runId,
                }, null, ct);
        }
        await strays.RemoveStrayAsync(stray, ct);
        return new SourceResult
        {
            Label = folder.Label, Bron = folder.Bron, Dataset = folder.Dataset, Status = SourceStatus.Failed, Url = shown,
            Reason = $"{problem}; reason kept in {Quarantine.ReasonPath(kept)}",
        };
    }

    /// <summary>
    /// Keeps a refused input whole at <see cref="Quarantine.BronzeUploadPath"/>: one streaming pass for the hash, one
    /// for the copy, never in memory and never cut at a size limit. Kept once: the same bytes again add nothing.
    /// </summary>
    private async Task<LakePath> KeepWholeAsync(UploadFolder folder, string ext, Func<Task<Stream>> open, string source, string problem,
        string? runId, CancellationToken ct)
    {
        string sha;
        long size;
        await using (var s = await open())
        {
            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            size = 0;
            int n;
            while ((n = await s.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                size += n;
            }
            sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        var target = Quarantine.BronzeUploadPath(folder.Bron, folder.Dataset, sha, ext);
        if (await lake.ExistsAsync(target, ct)) return target;
        await using var body = await open();
        return await quarantine.KeepAsync(target, new QuarantineReason
        {
            Stage = "bronze", Dataset = $"{folder.Bron}/{folder.Dataset}", Source = source, Reason = problem, Size = size, RunId = runId,
        }, body, ct);
    }

    /// <summary>
    /// An ambitions upload is judged at the door (<see cref="AmbitionsParser"/>): a file that would be rejected never
    /// becomes the dataset's current file, so the ambitions in force stay those of the last good upload.
    /// </summary>
    private static async Task<string?> CheckAmbitionsAsync(UploadFolder folder, StagingFile staged, string name, CancellationToken ct)
    {
        if (folder.Dataset != UploadFolders.Ambities.Dataset || folder.Bron != UploadFolders.Ambities.Bron) return null;
        if (staged.Length > AmbitionsParser.MaxBytes)
            return $"an ambitions file is at most {AmbitionsParser.MaxBytes} bytes; this one has {staged.Length}";
        var content = new byte[staged.Length];
        await using (var s = staged.OpenRead())
            await s.ReadExactlyAsync(content, ct);
        var parsed = AmbitionsParser.Parse(name, content);
        if (parsed.IsValid) return null;
        const int shown = 10;
        return $"the ambitions file is rejected with {parsed.Errors.Count} error(s): " +
               string.Join("; ", parsed.Errors.Take(shown)) + (parsed.Errors.Count > shown ? $"; and {parsed.Errors.Count - shown} more" : "");
    }

    /// <summary>A name as the backend holds it, with control characters written out, for reasons and messages.</summary>
    private static string Shown(string name) =>
        string.Concat(name.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));

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
