using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Reliability;

/// <summary>The harness itself: a child refresh on the samples runs, is measured, and can be killed mid-run.</summary>
[TestClass]
public sealed class ChildPipelineTests
{
    [TestMethod]
    public async Task Sample_refresh_as_a_child_process_succeeds_within_the_memory_limit()
    {
        using var dir = new TempDirectory();
        var r = await ChildPipeline.RunAsync(["refresh", "--sample", "--lake", dir.Path]);
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.IsGreaterThan(0L, r.PeakRssBytes, "peak RSS was measured");
        Assert.IsLessThan(ChildPipeline.MaxPeakRssBytes, r.PeakRssBytes, r.ToString());
        Assert.IsTrue(Directory.Exists(Path.Combine(dir.Path, "gold")), r.ToString());
    }

    [TestMethod]
    public async Task Child_killed_when_raw_appears_leaves_a_run_without_a_completed_manifest()
    {
        using var dir = new TempDirectory();
        var r = await ChildPipeline.RunAsync(["refresh", "--sample", "--lake", dir.Path],
            killWhen: () => Task.FromResult(Directory.Exists(Path.Combine(dir.Path, "raw"))));
        Assert.IsTrue(r.Killed, r.ToString());
        Assert.AreNotEqual(0, r.ExitCode, "SIGKILL is not a clean exit");
    }
}
