using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Cli;
using Pipeline.Core.Lake;
using Pipeline.Core.Orchestration;
using Pipeline.Core.Runs;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Functions;

/// <summary><c>pipeline host</c>: the function app's triggers without the Functions host, against Azurite.</summary>
[TestClass]
[DoNotParallelize]
public sealed class LocalTriggerRunnerTests
{
    private const string StudentenLeerwegFile = "2021-2025-01-studenten-per-instelling-bevoegd-gezag-plaats-gemeente-provincie-van-de-instelling-.csv";

    [TestMethod]
    public async Task Runner_normalises_new_raw_files_and_ingests_uploads_through_the_function_apps_triggers()
    {
        var config = Program.Configuration(Azurite.ConnectionString, new Dictionary<string, string?>(Orchestration.OrchestrationLake.Offline)
        {
            ["Lake:ContainerPrefix"] = Azurite.UniquePrefix(),
            ["Pipeline:PollInterval"] = "00:00:00.200",
        });
        await using var services = new ServiceCollection().AddLogging().AddPipeline(config).AddPipelineTriggers(config)
            .AddSingleton<LocalTriggerRunner>().BuildServiceProvider();
        var lake = (BlobLake)services.GetRequiredService<ILakeStore>();
        await lake.EnsureZonesAsync();
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        // Present before the start: not the runner's to process (the nightly sweep covers raw files silver lags behind).
        await lake.WriteTextAsync("raw/duo/mbo-studenten-per-instelling/2026-11-01/old.csv", "not,a,file\n");

        using var stop = new CancellationTokenSource();
        var running = services.GetRequiredService<LocalTriggerRunner>().RunAsync(stop.Token);
        try
        {
            var content = await File.ReadAllBytesAsync(Path.Combine(samples, "duo", "mbo-studenten-per-instelling", StudentenLeerwegFile));
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
            await using (var ms = new MemoryStream(content))
                await lake.WriteAsync(LakePath.Parse($"raw/duo/mbo-studenten-per-instelling/2026-11-23/{sha}.csv"), ms);
            await using (var ms = new MemoryStream(await File.ReadAllBytesAsync(Path.Combine(samples, "ambities", "ambities.csv"))))
                await lake.WriteAsync(LakePath.Parse("landing/ambities/ambities.csv"), ms);

            // The upload's run manifest is its last write: wait for it, not for the raw file, so stopping cannot cut the run short.
            Assert.IsTrue(await LakeTestExtensions.EventuallyAsync(async () =>
                (await lake.NamesAsync("silver/mbo_studenten_per_instelling/")).Count > 0
                && (await lake.NamesAsync("raw/ambities/")).Count > 0
                && (await RunsAsync(lake)).Any(r => r.Trigger == "upload"), TimeSpan.FromSeconds(30)), "raw file normalised and upload ingested");
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
        var runs = await RunsAsync(lake);
        Assert.IsFalse(runs.Any(r => r.Stages.Any(s => s.Inputs.Any(i => i.Path.EndsWith("old.csv", StringComparison.Ordinal)))), "files present at start are left alone");
        Assert.IsTrue(runs.Any(r => r.Trigger == "upload"));
    }

    private static async Task<List<RunManifest>> RunsAsync(BlobLake lake)
    {
        var runs = new List<RunManifest>();
        await foreach (var e in lake.ListAsync(LakeZones.Runs + "/"))
            if (await RunRecorder.ReadAsync(lake, e.Path) is { } m) runs.Add(m);
        return runs;
    }
}
