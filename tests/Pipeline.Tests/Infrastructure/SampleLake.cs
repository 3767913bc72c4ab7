using System.CommandLine;
using Pipeline.Cli;

namespace Pipeline.Tests.Infrastructure;

/// <summary>
/// One lake built by <c>pipeline refresh --sample</c>, shared read-only by the tests that only read it. Built on first
/// use; a failed build is not cached, so the next test tries again.
/// </summary>
public static class SampleLake
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _path;

    /// <summary>What <c>refresh --sample</c> printed when it built the lake.</summary>
    public static string RefreshOutput { get; private set; } = "";

    public static async Task<string> PathAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_path is not null) return _path;
            var dir = Directory.CreateTempSubdirectory("pipeline-sample-lake-").FullName;
            var output = new StringWriter();
            var exit = await Program.BuildCommand().Parse(["refresh", "--sample", "--lake", dir])
                .InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
            Assert.AreEqual(0, exit, output.ToString());
            RefreshOutput = output.ToString();
            return _path = dir;
        }
        finally
        {
            Gate.Release();
        }
    }
}
