using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core.Orchestration;
using Pipeline.Core.Runs;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Orchestration;

[TestClass]
public sealed class NightlySweepTests
{
    [TestMethod]
    public async Task Fetch_only_night_leaves_new_files_to_the_trigger_and_sweeps_up_files_whose_silver_is_behind()
    {
        using var dir = new TempDirectory();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lake:Root"] = dir.Path }).Build();
        await using var services = new ServiceCollection().AddLogging()
            .AddPipeline(config, Path.Combine(AppContext.BaseDirectory, "samples")).BuildServiceProvider();
        var lake = services.GetRequiredService<Pipeline.Core.Lake.ILakeStore>();

        var first = await services.GetRequiredService<PipelineService>().RefreshAsync("timer", scope: RefreshScope.FetchOnly);
        Assert.IsFalse(first.Stages.Any(s => s.Stage == "silver"), "new raw files are the blob trigger's job");
        Assert.AreEqual(0, (await lake.NamesAsync("silver/")).Count);

        // The trigger never came (host down, or the file fell in a scan gap): the next night catches up.
        var second = await services.GetRequiredService<PipelineService>().RefreshAsync("timer", scope: RefreshScope.FetchOnly);
        Assert.IsTrue(second.Stages.Any(s => s.Stage == "silver" && s.Status == StageStatuses.Succeeded));
        Assert.IsTrue((await lake.NamesAsync("silver/mbo_studenten_per_instelling/")).Count > 0);
        Assert.IsTrue((await lake.NamesAsync("gold/indicatoren/")).Count > 0);

        var third = await services.GetRequiredService<PipelineService>().RefreshAsync("timer", scope: RefreshScope.FetchOnly);
        Assert.IsFalse(third.Stages.Any(s => s.Stage == "silver"), "nothing is behind any more");
    }
}
