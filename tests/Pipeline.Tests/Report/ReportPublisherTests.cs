using Pipeline.Core.Lake;
using Pipeline.Core.Report;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Report;

[TestClass]
public sealed class ReportPublisherTests
{
    [TestMethod]
    public async Task Publishing_to_the_lake_replaces_the_previous_report_and_removes_pages_of_institutions_gone()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        var stale = LakePath.Parse($"{LakeZones.Reports}/instelling/OLD1.html");
        using (var body = new MemoryStream("<html>oud</html>"u8.ToArray())) await lake.WriteAsync(stale, body);

        var written = await new ReportPublisher(lake).PublishToLakeAsync();

        CollectionAssert.AreEqual(new[] { $"{LakeZones.Reports}/{ReportRenderer.IndexFile}" }, written.Select(p => p.Value).ToList(),
            "an empty lake has an index and no institution pages");
        Assert.IsFalse(await lake.ExistsAsync(stale));
        StringAssert.Contains(await File.ReadAllTextAsync(Path.Combine(dir.Path, "reports", "index.html")), "Er zijn nog geen trajecten");
    }

    [TestMethod]
    public async Task A_report_that_would_show_the_same_is_kept_and_one_that_would_differ_is_rewritten()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        var clock = new Pipeline.Tests.Orchestration.ManualClock(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var publisher = new ReportPublisher(lake, clock: clock);
        var made = await publisher.PublishToLakeIfChangedAsync();
        var index = Path.Combine(dir.Path, "reports", "index.html");
        var html = await File.ReadAllTextAsync(index);

        clock.Now += TimeSpan.FromDays(1);
        var kept = await publisher.PublishToLakeIfChangedAsync();
        Assert.IsEmpty(kept.Pages);
        Assert.AreEqual(clock.GetUtcNow() - TimeSpan.FromDays(1), kept.KeptFrom);
        Assert.AreEqual(html, await File.ReadAllTextAsync(index), "\"gemaakt op\" still says when this content was made");

        using (var ambities = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
                   Pipeline.Core.Gold.AmbitionsParser.Header + "\n25LH,aandeel_bbl,2022,20,25,2\n")))
            await lake.WriteAsync(Pipeline.Core.Gold.AmbitionsStore.CurrentCsv, ambities);
        var rewritten = await publisher.PublishToLakeIfChangedAsync();
        Assert.IsNull(rewritten.KeptFrom, "new ambitions in force: the report shows them");
        Assert.AreEqual(made.Pages.Count, rewritten.Pages.Count);

        File.Delete(index);
        Assert.IsNull((await publisher.PublishToLakeIfChangedAsync()).KeptFrom, "a page gone is written again");
        Assert.IsTrue(File.Exists(index));
    }
}
