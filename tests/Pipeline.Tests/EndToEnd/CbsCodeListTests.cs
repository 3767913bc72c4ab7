using Pipeline.Core.Tables;
using Pipeline.Core.Indicators;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Cli;
using Pipeline.Core.Gold;
using Pipeline.Core.Lake;
using Pipeline.Core.Orchestration;
using Pipeline.Core.Alerts;
using Pipeline.Core.Runs;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.EndToEnd;

/// <summary>
/// CBS rows are chosen by code through the whole pipeline: when 85368NED as served no longer has the configured mbo
/// total <c>A025290</c>, the refresh warns in its summary and manifest and computes no <c>vsv_landelijk</c>, rather than
/// taking another row.
/// </summary>
[TestClass]
public sealed class CbsCodeListTests
{
    [TestMethod]
    public async Task Served_code_list_without_the_configured_mbo_total_gives_a_warning_and_no_vsv_value()
    {
        using var samples = new TempDirectory();
        using var lakeDir = new TempDirectory();
        SamplesWithoutMboTotal(samples.Path);

        var config = Program.Configuration(lakeDir.Path);
        await using var services = Program.Services(config, samples.Path);
        var manifest = await services.GetRequiredService<PipelineService>().RefreshAsync("test (sample without A025290)", ct: CancellationToken.None);

        var gold = manifest.Stages.Single(s => s.Stage == "gold");
        Assert.IsTrue(gold.Warnings.Any(w => w.Contains("A025290", StringComparison.Ordinal) && w.Contains("85368NED", StringComparison.Ordinal)),
            "warnings: " + string.Join(" | ", gold.Warnings));
        StringAssert.Contains(gold.Message ?? "", "A025290", "the run summary shows the warning");
        var indicators = await GoldTableStore.ReadIndicatorenAsync(new FileSystemLake(lakeDir.Path));
        Assert.IsNotEmpty(indicators, "the other indicators are computed");
        Assert.IsFalse(indicators.Any(i => i.Indicator == IndicatorCatalog.VsvLandelijk), "no value taken from another row");
    }

    [TestMethod]
    public async Task Three_refreshes_of_an_unchanged_lake_with_a_missing_code_recompute_gold_once_and_raise_one_persisting_warning()
    {
        using var samples = new TempDirectory();
        using var lakeDir = new TempDirectory();
        SamplesWithoutMboTotal(samples.Path);
        var lake = new FileSystemLake(lakeDir.Path);
        await using var services = Program.Services(Program.Configuration(lakeDir.Path), samples.Path);
        var pipeline = services.GetRequiredService<PipelineService>();

        var gold = new List<StageRecord>();
        var notices = new List<int>();
        for (var i = 0; i < GoldOptions.DefaultWarningRuns; i++)
        {
            var run = await pipeline.RefreshAsync("test (unchanged, without A025290)", ct: CancellationToken.None);
            gold.Add(run.Stages.Single(s => s.Stage == "gold"));
            var state = await AlertState.LoadAsync(lake, CancellationToken.None);
            notices.Add(state.Last.Values.Count(l => l.Status == AlertTexts.IndicatorOntbreekt));
        }

        CollectionAssert.AreEqual(new[] { StageStatuses.Succeeded, StageStatuses.Unchanged, StageStatuses.Unchanged },
            gold.Select(s => s.Status).ToArray(), "gold is computed once, then its inputs are unchanged");
        StringAssert.Contains(gold[^1].Message, "gold not recomputed");
        Assert.IsTrue(gold[^1].Warnings.Any(w => w.Contains("A025290", StringComparison.Ordinal)), "a skipped run still lists the warning");
        CollectionAssert.AreEqual(new[] { 0, 0, 1 }, notices, "the warning persists after three refreshes, and is reported once");
    }

    /// <summary>The bundled samples, with 85368NED as served when its code list no longer has <c>A025290</c>.</summary>
    private static void SamplesWithoutMboTotal(string to)
    {
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "samples"), to);
        var table = Path.Combine(to, "cbs", "85368NED");
        Strip(Path.Combine(table, "Onderwijssoort.json"), e => ((string)e["Key"]!).Trim() == "A025290");
        foreach (var page in Directory.EnumerateFiles(table, "TypedDataSet*.json"))
            Strip(page, e => ((string)e["Onderwijssoort"]!).Trim() == "A025290");
    }

    private static void Strip(string file, Func<JsonNode, bool> remove)
    {
        var doc = JsonNode.Parse(File.ReadAllText(file))!;
        var values = doc["value"]!.AsArray();
        foreach (var v in values.Where(v => remove(v!)).ToList()) values.Remove(v);
        File.WriteAllText(file, doc.ToJsonString());
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
    }
}
