using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core.Orchestration;
using Pipeline.Core.Runs;
using Pipeline.Core.Sources;

namespace Pipeline.Tests.Sources;

[TestClass]
public sealed class BronzeServiceTests
{
    [TestMethod]
    public async Task Refreshing_twice_against_the_same_server_stores_each_file_once_and_reports_unchanged()
    {
        using var h = new BronzeHarness();
        h.ServeSamples();

        var first = await h.Services().GetRequiredService<PipelineService>().RefreshAsync("test");
        var filesAfterFirst = await h.FilesAsync("raw/");
        var second = await h.Services().GetRequiredService<PipelineService>().RefreshAsync("test");

        var bronze1 = first.Stages.Where(s => s.Stage == "bronze" && !s.Dataset!.StartsWith("job", StringComparison.Ordinal) && !s.Dataset.StartsWith("ambities", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(14, bronze1.Count, "the twelve selected DUO resources and two CBS tables");
        Assert.IsTrue(bronze1.All(s => s.Status == StageStatuses.Succeeded), string.Join("; ", bronze1.SelectMany(s => s.Errors)));
        Assert.IsTrue(bronze1.All(s => s.Outputs.Single().Sha256 is { Length: 64 }), "raw outputs carry their sha256");
        Assert.AreEqual(28, filesAfterFirst.Count, "fourteen data files and their sidecars");

        var bronze2 = second.Stages.Where(s => s.Stage == "bronze").ToList();
        Assert.IsTrue(bronze2.All(s => s.Status == StageStatuses.Unchanged), string.Join("; ", bronze2.Select(s => $"{s.Dataset}={s.Status}")));
        CollectionAssert.AreEqual(filesAfterFirst, await h.FilesAsync("raw/"), "nothing new stored");
        Assert.AreEqual(RunOutcomes.Succeeded, second.Outcome);
        Assert.IsTrue(await h.Lake.ExistsAsync(RunRecorder.PathFor(second.RunId)));
    }

    [TestMethod]
    public async Task With_the_DUO_server_down_CBS_is_still_fetched_and_the_failure_names_DUO_and_why()
    {
        using var h = new BronzeHarness();
        h.ServeCbsTable("85368NED");
        h.ServeCbsTable("85696NED");
        var downPort = FreePort();
        var sp = h.Services(new Dictionary<string, string?> { ["Sources:Duo:BaseUrl"] = $"http://127.0.0.1:{downPort}" });

        var manifest = await sp.GetRequiredService<PipelineService>().RefreshAsync("test");

        var cbs = manifest.Stages.Where(s => s.Dataset?.StartsWith("cbs/", StringComparison.Ordinal) == true).ToList();
        Assert.AreEqual(2, cbs.Count);
        Assert.IsTrue(cbs.All(s => s.Status == StageStatuses.Succeeded));
        var duo = manifest.Stages.Where(s => s.Dataset?.StartsWith("duo/", StringComparison.Ordinal) == true).ToList();
        Assert.AreEqual(3, duo.Count, "one failure per package: its listing could not be read");
        foreach (var s in duo)
        {
            Assert.AreEqual(StageStatuses.Failed, s.Status);
            StringAssert.StartsWith(s.Errors.Single(), "DUO: ");
            StringAssert.Contains(s.Errors.Single(), "request failed");
            StringAssert.Contains(s.Errors.Single(), $"127.0.0.1:{downPort}");
        }
        Assert.AreEqual(RunOutcomes.Failed, manifest.Outcome, "a failed source makes the run (and the exit code) fail");
        Assert.IsNotNull(await h.CurrentAsync("cbs", "85696NED"));
    }

    [TestMethod]
    public async Task The_sample_snapshots_go_through_the_same_clients_into_raw_and_a_second_run_is_unchanged()
    {
        using var h = new BronzeHarness();
        var first = await h.Services(samples: BronzeHarness.Samples).GetRequiredService<BronzeService>().FetchAllAsync();
        var second = await h.Services(samples: BronzeHarness.Samples).GetRequiredService<BronzeService>().FetchAllAsync();

        Assert.IsTrue(first.All(r => r.Status != SourceStatus.Failed), string.Join("; ", first.Where(r => r.Status == SourceStatus.Failed)));
        CollectionAssert.IsSubsetOf(new[] { "mbo-studenten-per-instelling", "gediplomeerde-mbo-studenten", "instromende-mbo-studenten", "85368NED", "85696NED", "job-monitor" },
            first.Where(r => r.Status == SourceStatus.Fetched).Select(r => r.Dataset).ToList());
        Assert.AreEqual(2, first.Count(r => r.Dataset == "job-monitor" && r.Status == SourceStatus.Fetched), "the CSV and the .xlsx");
        Assert.IsTrue(second.All(r => r.Status == SourceStatus.Unchanged), string.Join("; ", second));
        Assert.AreEqual(2, (await h.CurrentAsync("job", "job-monitor"))!.Files.Count, "both JOB-monitor uploads stay in the pointer");
        Assert.AreEqual(0, (await h.FilesAsync("landing/")).Count, "uploads are moved out of landing");
        Assert.AreEqual(0, h.Server.LogEntries.Count(), "no request left the process");
    }

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }
}
