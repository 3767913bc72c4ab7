using Microsoft.Extensions.DependencyInjection;
using Pipeline.Bench.Inputs;
using Pipeline.Cli;
using Pipeline.Core.Datasets;
using Pipeline.Core.Orchestration;
using Pipeline.Core.Runs;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Bench.Inputs;

/// <summary>
/// The loopback mirror serves a generated snapshot the way the portals do: a refresh pointed at it fetches every
/// source through the real clients and normalises every table, and the immediate second refresh gets 304 for every
/// DUO resource and CBS table (ETag / Last-Modified; for CBS on TableInfos, so no page is read) and stores nothing new.
/// </summary>
[TestClass]
public sealed class SnapshotServerTests
{
    [TestMethod]
    public async Task Refresh_from_the_mirror_fetches_every_source_and_the_rerun_gets_304_for_every_duo_resource()
    {
        using var inputs = new TempDirectory();
        using var lakeDir = new TempDirectory();
        var snapshot = InputSnapshot.Write(inputs.Path, 0.01);
        foreach (var folder in new[] { "job", "ambities" })
        {
            var landing = Directory.CreateDirectory(Path.Combine(lakeDir.Path, "landing", folder)).FullName;
            foreach (var file in Directory.EnumerateFiles(Path.Combine(snapshot.Root, folder)))
                File.Copy(file, Path.Combine(landing, Path.GetFileName(file)));
        }
        await using var mirror = await SnapshotServer.StartAsync(snapshot.Root);
        var config = Program.Configuration(lakeDir.Path, new Dictionary<string, string?>
        {
            ["Sources:Duo:BaseUrl"] = mirror.BaseUrl, ["Sources:Cbs:BaseUrl"] = mirror.BaseUrl,
        });
        await using var services = Program.Services(config);
        var pipeline = services.GetRequiredService<PipelineService>();

        var first = await pipeline.RefreshAsync("test (mirror)");
        var fetched = first.Stages.Where(s => s.Stage == "bronze").ToList();
        Assert.AreEqual(RunOutcomes.Succeeded, first.Outcome, Describe(first));
        Assert.AreEqual(1 + 1 + 10 + 2 + 3, fetched.Count(s => s.Status == StageStatuses.Succeeded),
            "DUO 12 resources, CBS 2 tables, 3 uploads: " + Describe(first));
        Assert.IsFalse(first.Stages.Any(s => s.Status == StageStatuses.Failed), Describe(first));
        foreach (var table in DatasetCatalog.Tables.Select(t => t.Schema.TableName))
            Assert.IsNotEmpty(Directory.GetFiles(Path.Combine(lakeDir.Path, "silver", table), "*.parquet", SearchOption.AllDirectories), table);
        mirror.TakeCounts();

        var second = await pipeline.RefreshAsync("test (mirror, nothing changed)");
        var counts = mirror.TakeCounts();
        Assert.AreEqual(12 + 2, counts.NotModified, "one 304 per selected DUO resource and per CBS table's TableInfos");
        Assert.AreEqual(3 + 12 + 2, counts.Requests, "the three package listings, then only conditional requests: no CBS page");
        Assert.IsFalse(second.Stages.Any(s => s.Stage == "bronze" && s.Status == StageStatuses.Succeeded), "nothing new stored: " + Describe(second));
    }

    private static string Describe(RunManifest m) =>
        string.Join(" | ", m.Stages.Select(s => $"{s.Stage} {s.Dataset} {s.Status} {s.Message} {string.Join(";", s.Errors)}"));
}
