using System.CommandLine;
using System.Text.Json;
using Pipeline.Core.Raw;
using Pipeline.Cli;

namespace Pipeline.Tests.Orchestration;

/// <summary>
/// <c>pipeline status</c> in-process, through the real command tree. Output goes to the invocation's writer rather
/// than a swapped <c>Console.Out</c>, because test classes run in parallel and the console is process-wide.
/// </summary>
[TestClass]
public sealed class StatusCommandTests
{
    private static async Task<(int Exit, string Output)> StatusAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await Program.BuildCommand().Parse(["status", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        return (exit, output.ToString());
    }

    [TestMethod]
    public async Task OnAHealthyLake_ExitsZero_AndPrintsTheReport()
    {
        using var lake = new OrchestrationLake();
        var run = await lake.RefreshAsync();

        var (exit, output) = await StatusAsync("--lake", lake.Root);

        Assert.AreEqual(0, exit, output);
        StringAssert.Contains(output, $"Lake: {lake.Root}");
        StringAssert.Contains(output, "duo/gediplomeerde-mbo-studenten");
        StringAssert.Contains(output, $"Last run: {run.RunId}");
        StringAssert.Contains(output, "Status: OK");
    }

    [TestMethod]
    public async Task OnAnEmptyLake_ExitsZero()
    {
        using var lake = new OrchestrationLake();
        var (exit, output) = await StatusAsync("--lake", lake.Root);
        Assert.AreEqual(0, exit, output);
        StringAssert.Contains(output, "no runs recorded yet");
    }

    [TestMethod]
    public async Task AfterAFailedRun_ExitsOne_AndNamesTheFailedStages()
    {
        using var lake = new OrchestrationLake();
        await lake.RefreshAsync();
        var failed = await lake.RefreshAsync(samples: false, extra: OrchestrationLake.Offline);

        var (exit, output) = await StatusAsync("--lake", lake.Root);

        Assert.AreEqual(1, exit, output);
        StringAssert.Contains(output, $"Last run: {failed.RunId} (test");
        StringAssert.Contains(output, "FAILED");
        StringAssert.Contains(output, "  failed: bronze duo/mbo-studenten-per-instelling: ");
        StringAssert.Contains(output, $"last run {failed.RunId} (test) failed");
        StringAssert.Contains(output, "ok (1 failed run)", "one failure is below the freshness limit");
    }

    [TestMethod]
    public async Task WithAStaleDataset_ExitsOne()
    {
        using var lake = new OrchestrationLake();
        await lake.RefreshAsync();
        // The current CBS content has been current for two years: past the default 400 days.
        var pointer = (await lake.PointerAsync("cbs", "85696NED"))!;
        var since = DateTimeOffset.UtcNow.AddDays(-730);
        await (pointer with { UpdatedAt = since }).WriteAsync(lake.Lake);

        var (exit, output) = await StatusAsync("--lake", lake.Root);

        Assert.AreEqual(1, exit, output);
        StringAssert.Contains(output, $"STALE since {since.UtcDateTime:yyyy-MM-dd}");
        StringAssert.Contains(output, $"cbs/85696NED: stale, content unchanged since {since.UtcDateTime:yyyy-MM-dd} (max age 400 days)");
    }

    [TestMethod]
    public async Task Json_IsTheReportWithItsExitCode()
    {
        using var lake = new OrchestrationLake();
        await lake.RefreshAsync();
        var pointer = (await lake.PointerAsync("duo", "gediplomeerde-mbo-studenten"))!;

        var (exit, output) = await StatusAsync("--lake", lake.Root, "--json");

        Assert.AreEqual(0, exit, output);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual(0, json.RootElement.GetProperty("exit_code").GetInt32());
        var d = json.RootElement.GetProperty("datasets").EnumerateArray().Single(x => x.GetProperty("dataset").GetString() == "gediplomeerde-mbo-studenten");
        Assert.AreEqual(pointer.Path, d.GetProperty("raw_file").GetString());
        Assert.IsTrue(d.GetProperty("silver_current").GetBoolean());
        Assert.AreEqual("ok", d.GetProperty("freshness").GetProperty("state").GetString());
        Assert.AreEqual(0, json.RootElement.GetProperty("problems").GetArrayLength());
    }
}
