namespace Pipeline.Tests;

/// <summary>The repository root: the nearest folder above the test binaries holding Pipeline.sln.</summary>
public static class RepoRoot
{
    public static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Pipeline.sln"))) return d.FullName;
        throw new DirectoryNotFoundException($"No Pipeline.sln above {AppContext.BaseDirectory}.");
    }
}
