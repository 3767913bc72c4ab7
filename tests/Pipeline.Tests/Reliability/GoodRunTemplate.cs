namespace Pipeline.Tests.Reliability;

/// <summary>
/// The lake every reliability case starts from: one good <c>refresh --sample</c> made by a child process once per test
/// run, copied into each case's own directory.
/// </summary>
public static class GoodRunTemplate
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _template;

    public static async Task CopyToAsync(string directory)
    {
        await Gate.WaitAsync();
        try
        {
            if (_template is null)
            {
                var dir = Directory.CreateTempSubdirectory("pipeline-reliability-template-").FullName;
                var r = await ChildPipeline.RunAsync(["refresh", "--sample", "--lake", dir]);
                Assert.AreEqual(0, r.ExitCode, r.ToString());
                _template = dir;
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    try { Directory.Delete(dir, recursive: true); } catch (IOException) { /* temp space */ }
                };
            }
        }
        finally { Gate.Release(); }
        foreach (var d in Directory.EnumerateDirectories(_template, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(directory, Path.GetRelativePath(_template, d)));
        foreach (var f in Directory.EnumerateFiles(_template, "*", SearchOption.AllDirectories))
            File.Copy(f, Path.Combine(directory, Path.GetRelativePath(_template, f)));
    }
}
