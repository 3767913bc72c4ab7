using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Functions;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Hosting;

/// <summary>
/// The real WebJobs host against Azurite: triggers fire and reach the Core service, and the nightly timer is a
/// singleton across hosts. Not parallel: each test starts hosts that poll storage.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class FunctionHostTests
{
    private static readonly string HostJson = Path.Combine(AppContext.BaseDirectory, "host.json");

    /// <summary>Hosts on Azurite whose nightly job fetches from a closed loopback port, never from the internet.</summary>
    private static IConfiguration Config(string prefix, string hostId, string instance, string schedule) =>
        Program.Configuration(null, new Dictionary<string, string?>(Orchestration.OrchestrationLake.Offline)
        {
            ["Lake:Root"] = Azurite.ConnectionString,
            ["Lake:ContainerPrefix"] = prefix,
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["Pipeline:NightlySchedule"] = schedule,
            ["Pipeline:HostId"] = hostId,
            ["Pipeline:InstanceName"] = instance,
        });

    private static async Task<List<RunManifest>> RunsAsync(ILakeStore lake)
    {
        var runs = new List<RunManifest>();
        await foreach (var e in lake.ListAsync(LakeZones.Runs + "/"))
            if (await RunRecorder.ReadAsync(lake, e.Path) is { } m) runs.Add(m);
        return runs;
    }

    [TestMethod]
    public async Task Timer_trigger_fires_on_the_configured_schedule_and_runs_the_refresh()
    {
        var prefix = Azurite.UniquePrefix();
        var config = Config(prefix, "h-" + prefix, "host-a", "*/2 * * * * *");
        var lake = config.CreateLake();
        using var host = PipelineHost.Build(config, HostJson);
        await host.StartAsync();
        try
        {
            var fired = await LakeTestExtensions.EventuallyAsync(
                async () => (await RunsAsync(lake)).Any(r => r.Trigger.StartsWith("timer")), TimeSpan.FromSeconds(45));
            Assert.IsTrue(fired, "no run manifest from the timer trigger within 45 s");
            var run = (await RunsAsync(lake)).First(r => r.Trigger.StartsWith("timer"));
            Assert.AreEqual("host-a", run.Host);
            CollectionAssert.Contains(run.Stages.Select(s => s.Stage).ToList(), "bronze");
        }
        finally
        {
            await host.StopQuietlyAsync();
        }
    }

    [TestMethod]
    public async Task Blob_triggers_fire_for_new_raw_files_and_uploads_and_call_the_pipeline()
    {
        var prefix = Azurite.UniquePrefix();
        var config = Config(prefix, "h-" + prefix, "host-a", "0 0 2 * * *");
        var lake = config.CreateLake();
        await lake.WriteTextAsync("raw/duo/mbo-studenten-per-instelling/2026-11-23/seed.csv", "JAAR\n2025\n"); // containers exist before the listener starts
        await lake.WriteTextAsync("landing/job/seed.csv", "x");
        using var host = PipelineHost.Build(config, HostJson);
        await host.StartAsync();
        try
        {
            // The listener's first sweep picks up what was there before start; new files come after it.
            Assert.IsTrue(await LakeTestExtensions.EventuallyAsync(async () => (await RunsAsync(lake)).Count >= 2, TimeSpan.FromSeconds(60)),
                "the initial sweep did not process the files present at start");
            // The SDK's container scan only takes blobs modified strictly after the newest one it has seen, and
            // Last-Modified has one-second resolution: a file landing in the same second as the previous one waits for
            // the periodic full sweep. Let a second pass so this test measures the normal path.
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            await lake.WriteTextAsync("raw/duo/mbo-studenten-per-instelling/2026-11-23/abc.csv", "JAAR\n2024\n");
            await lake.WriteTextAsync("landing/job/job-2024.csv", "instellingscode\n");

            bool Saw(List<RunManifest> runs, string trigger, string input) =>
                runs.Any(r => r.Trigger == trigger && r.Stages.Any(s => s.Inputs.Any(i => i.Path == input)));
            var fired = await LakeTestExtensions.EventuallyAsync(async () =>
            {
                var runs = await RunsAsync(lake);
                return Saw(runs, "raw-file", "raw/duo/mbo-studenten-per-instelling/2026-11-23/abc.csv")
                       && Saw(runs, "upload", "landing/job/job-2024.csv");
            }, TimeSpan.FromSeconds(60));
            Assert.IsTrue(fired, "blob triggers did not produce run manifests for both files within 60 s; runs: " +
                                 string.Join("; ", (await RunsAsync(lake)).Select(r => r.Trigger)));
        }
        finally
        {
            await host.StopQuietlyAsync();
        }
    }

    [TestMethod]
    public async Task Two_hosts_run_the_nightly_timer_on_one_host_only()
    {
        var prefix = Azurite.UniquePrefix();
        var hostId = "h-" + prefix;
        var configA = Config(prefix, hostId, "host-a", "*/2 * * * * *");
        var configB = Config(prefix, hostId, "host-b", "*/2 * * * * *");
        var lake = configA.CreateLake();
        using var a = PipelineHost.Build(configA, HostJson);
        using var b = PipelineHost.Build(configB, HostJson);
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        try
        {
            var enough = await LakeTestExtensions.EventuallyAsync(
                async () => (await RunsAsync(lake)).Count(r => r.Trigger.StartsWith("timer")) >= 4, TimeSpan.FromSeconds(60));
            Assert.IsTrue(enough, "fewer than 4 timer runs within 60 s");
        }
        finally
        {
            await Task.WhenAll(a.StopQuietlyAsync(), b.StopQuietlyAsync());
        }
        var timerRuns = (await RunsAsync(lake)).Where(r => r.Trigger.StartsWith("timer")).ToList();
        var hosts = timerRuns.Select(r => r.Host).Distinct().ToList();
        Assert.AreEqual(1, hosts.Count, "timer ran on: " + string.Join(", ", hosts));
        // One run per schedule occurrence: no two runs started within the same 2-second slot.
        var slots = timerRuns.Select(r => r.Started.ToUnixTimeSeconds() / 2).ToList();
        Assert.AreEqual(slots.Count, slots.Distinct().Count(), "a schedule occurrence ran twice");
    }

    [TestMethod]
    public void Host_refuses_a_local_lake_and_says_why()
    {
        var config = Program.Configuration("./lake", new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => PipelineHost.Build(config, HostJson));
        StringAssert.Contains(e.Message, "needs the lake on Blob Storage");
    }
}
