using System.CommandLine;
using Pipeline.Cli;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.EndToEnd;

/// <summary><c>pipeline refresh --sample</c> with its output redirected: a plain line when each stage and dataset starts and ends.</summary>
[TestClass]
public sealed class RefreshProgressTests
{
    [TestMethod]
    public async Task Redirected_refresh_prints_a_start_and_an_end_line_for_every_stage_and_dataset_of_the_run()
    {
        using var dir = new TempDirectory();
        var output = new StringWriter();
        var exit = await Program.BuildCommand().Parse(["refresh", "--sample", "--lake", dir.Path])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        Assert.AreEqual(0, exit, output.ToString());
        var text = output.ToString();
        var lines = text.Split(Environment.NewLine).Select(l => l.Length > 9 && l[2] == ':' && l[5] == ':' ? l[9..] : "").ToHashSet();

        var lake = new FileSystemLake(dir.Path);
        var run = (await RunRecorder.ReadAsync(lake, (await lake.NamesAsync("_runs/")).Select(LakePath.Parse).Single()))!;
        var fetched = run.Stages.Where(s => s.Stage == "bronze" && s.Dataset!.Split('/')[0] is "duo" or "cbs")
            .Select(s => s.Dataset).Distinct().ToList();
        var normalised = run.Stages.Where(s => s.Stage == "silver").Select(s => s.Dataset).Distinct().ToList();
        Assert.AreEqual(5, fetched.Count, string.Join(", ", fetched));
        Assert.AreEqual(6, normalised.Count, string.Join(", ", normalised));

        foreach (var dataset in fetched)
        {
            Assert.Contains($"bronze · {dataset} · started", lines, text);
            Assert.Contains($"bronze · {dataset} · succeeded", lines, text);
        }
        Assert.Contains("bronze · landing · started", lines, text);
        foreach (var dataset in normalised)
        {
            Assert.Contains($"silver · {dataset} · started", lines, text);
            Assert.Contains($"silver · {dataset} · succeeded", lines, text);
        }
        Assert.Contains("gold · started", lines, text);
        Assert.Contains("gold · succeeded", lines, text);
        Assert.IsFalse(text.Replace(Environment.NewLine, "\n").Contains('\r') || text.Contains('\u001b'), "no status line when redirected");
        Assert.IsLessThan(text.IndexOf("Run ", StringComparison.Ordinal), text.IndexOf("gold · succeeded", StringComparison.Ordinal),
            "the summary comes after the progress lines");
    }
}
