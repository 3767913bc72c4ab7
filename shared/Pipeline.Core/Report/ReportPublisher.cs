using System.Text;
using Pipeline.Core.Lake;
using Pipeline.Core.Orchestration;
using Pipeline.Core.Runs;

namespace Pipeline.Core.Report;

/// <summary>
/// ENTRY POINT of the report: reads the lake, renders the pages and writes them to the lake's <c>reports/</c> zone
/// (after every gold run) or to a local directory (<c>pipeline report --out DIR</c>).
/// </summary>
public sealed class ReportPublisher(ILakeStore lake, FreshnessOptions? freshness = null, TimeProvider? clock = null)
{
    /// <summary>Writes the report to <c>reports/</c>, replacing the previous one; returns the paths written.</summary>
    public async Task<IReadOnlyList<LakePath>> PublishToLakeAsync(CancellationToken ct = default) =>
        (await PublishAsync(keepUnchanged: false, ct)).Pages;

    /// <summary>
    /// As <see cref="PublishToLakeAsync"/>, but when the report in <c>reports/</c> shows exactly this data (see
    /// <see cref="PublishedReport"/>) nothing is rendered or written, and the result says when that report was made.
    /// </summary>
    public Task<ReportPublication> PublishToLakeIfChangedAsync(CancellationToken ct = default) => PublishAsync(keepUnchanged: true, ct);

    private async Task<ReportPublication> PublishAsync(bool keepUnchanged, CancellationToken ct)
    {
        var data = await new ReportReader(lake, freshness, clock).ReadAsync(ct);
        var fingerprint = PublishedReport.FingerprintOf(data);
        if (keepUnchanged && await PublishedReport.ReadAsync(lake, ct) is { } last && last.Fingerprint == fingerprint
            && await last.PagesPresentAsync(lake, ct))
            return new ReportPublication([], last.Rendered);

        var written = new List<LakePath>();
        foreach (var (path, html) in Releasing(ReportRenderer.Pages(data)))
        {
            var p = LakePath.Parse($"{LakeZones.Reports}/{path}");
            using var body = new MemoryStream(Encoding.UTF8.GetBytes(html));
            await lake.WriteAsync(p, body, ct);
            written.Add(p);
        }
        var keep = written.Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
        var stale = new List<LakePath>();
        await foreach (var e in lake.ListAsync($"{LakeZones.Reports}/", ct))
            if (!keep.Contains(e.Path.Value)) stale.Add(e.Path);
        foreach (var p in stale) await lake.DeleteAsync(p, ct);
        await new PublishedReport { Fingerprint = fingerprint, Rendered = data.GeneratedAt, Pages = keep.ToList() }.WriteAsync(lake, ct);
        return new ReportPublication(written, null);
    }

    /// <summary>Writes the report under <paramref name="directory"/> (created if needed); returns the files written.</summary>
    public async Task<IReadOnlyList<string>> WriteToDirectoryAsync(string directory, CancellationToken ct = default)
    {
        var written = new List<string>();
        var data = await new ReportReader(lake, freshness, clock).ReadAsync(ct);
        foreach (var (path, html) in Releasing(ReportRenderer.Pages(data)))
        {
            var file = Path.Combine(directory, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, html, new UTF8Encoding(false), ct);
            written.Add(file);
        }
        return written;
    }

    /// <summary>
    /// The pages are rendered one at a time as they are written. The charts' native memory (SkiaSharp, under ScottPlot)
    /// is freed by finalizers the GC has no reason to run, so it is released every few pages instead of growing with
    /// the number of institutions (measured without: 800 MB for 550 institutions).
    /// </summary>
    private const int PagesPerRelease = 20;

    private static IEnumerable<(string Path, string Html)> Releasing(IEnumerable<(string Path, string Html)> pages)
    {
        var n = 0;
        foreach (var page in pages)
        {
            yield return page;
            if (++n % PagesPerRelease == 0) MemoryRelease.Now();
        }
    }
}

/// <summary>The pages written to <c>reports/</c>; none when the report there was kept, rendered at <paramref name="KeptFrom"/>.</summary>
public sealed record ReportPublication(IReadOnlyList<LakePath> Pages, DateTimeOffset? KeptFrom);
