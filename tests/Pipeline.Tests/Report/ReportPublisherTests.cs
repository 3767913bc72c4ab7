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
}
