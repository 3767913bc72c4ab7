using System.Security.Cryptography;
using Pipeline.Core.Alerts;
using Pipeline.Core.Lake;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Reliability;

/// <summary>
/// A lake holding one good run (<c>refresh --sample</c> in a child process, made once and copied per case), with the
/// checks every reliability case makes: exit code and message of a child run, peak RSS under
/// <see cref="ChildPipeline.MaxPeakRssBytes"/>, the previous silver and gold intact, the input in quarantine with its
/// reason, and a second run that adds nothing.
/// </summary>
public sealed class InputCaseLake : IDisposable
{
    private readonly TempDirectory _dir = new();

    public string Root => _dir.Path;
    public FileSystemLake Lake { get; }

    private InputCaseLake() => Lake = new FileSystemLake(Root);

    /// <summary>A copy of the one-good-run lake (built by a child refresh the first time).</summary>
    public static async Task<InputCaseLake> GoodRunAsync()
    {
        var lake = new InputCaseLake();
        await GoodRunTemplate.CopyToAsync(lake.Root);
        return lake;
    }

    /// <summary>An empty lake (for sources served by WireMock).</summary>
    public static InputCaseLake Empty() => new();

    /// <summary><c>pipeline refresh</c> as a child on this lake; always checks the memory limit.</summary>
    public async Task<ChildResult> RefreshAsync(bool sample = true, IReadOnlyDictionary<string, string?>? environment = null,
        Func<Task<bool>>? killWhen = null, params string[] extra)
    {
        List<string> args = ["refresh", "--lake", Root, .. extra];
        if (sample) args.Add("--sample");
        var r = await ChildPipeline.RunAsync(args, environment, killWhen);
        Assert.IsLessThan(ChildPipeline.MaxPeakRssBytes, r.PeakRssBytes, r.ToString());
        return r;
    }

    public async Task<ChildResult> StatusAsync()
    {
        var r = await ChildPipeline.RunAsync(["status", "--lake", Root]);
        Assert.IsLessThan(ChildPipeline.MaxPeakRssBytes, r.PeakRssBytes, r.ToString());
        return r;
    }

    public string PathOf(string lakeName) => Path.Combine(Root, lakeName.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Puts bytes in <c>landing/{folder}/{name}</c> as an uploader would (any name the file system allows).</summary>
    public string Upload(string folder, string name, byte[] content)
    {
        var path = Path.Combine(Root, "landing", folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Every file (name → sha256) under a zone folder, for "intact" and "adds nothing" comparisons.</summary>
    public Dictionary<string, string> Files(string prefix)
    {
        var dir = PathOf(prefix);
        if (!Directory.Exists(dir)) return [];
        return Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(Root, f).Replace(Path.DirectorySeparatorChar, '/'),
            f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);
    }

    /// <summary>The lake's file names outside the run manifests and the staging folder: what a run "adds".</summary>
    public SortedSet<string> Names() => new(Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(Root, f).Replace(Path.DirectorySeparatorChar, '/'))
        .Where(n => !n.StartsWith("_runs/", StringComparison.Ordinal) && !n.StartsWith(".tmp/", StringComparison.Ordinal)
                    && !n.StartsWith("_state/locks/", StringComparison.Ordinal)), StringComparer.Ordinal);

    /// <summary>The text of every quarantine reason file, joined.</summary>
    public string Reasons() => string.Join("\n---\n", Directory.Exists(PathOf("quarantine"))
        ? Directory.EnumerateFiles(PathOf("quarantine"), "*.reason.txt", SearchOption.AllDirectories).Order().Select(File.ReadAllText)
        : []);

    public int QuarantineCount() => Directory.Exists(PathOf("quarantine"))
        ? Directory.EnumerateFiles(PathOf("quarantine"), "*", SearchOption.AllDirectories).Count() : 0;

    /// <summary>Operator alerts ever queued: one more per distinct problem reported.</summary>
    public async Task<int> ReportedAsync() =>
        (await AlertState.LoadAsync(Lake, CancellationToken.None)).Last.Keys.Count(k => k.StartsWith("operator|", StringComparison.Ordinal));

    public IReadOnlyList<string> GoldPartitions(string table) => Directory.Exists(PathOf($"gold/{table}"))
        ? Directory.EnumerateDirectories(PathOf($"gold/{table}")).Select(Path.GetFileName).OfType<string>().Order().ToList() : [];

    public IReadOnlyList<string> SilverPartitions(string table) => Directory.Exists(PathOf($"silver/{table}"))
        ? Directory.EnumerateDirectories(PathOf($"silver/{table}"), "jaar=*").Select(Path.GetFileName).OfType<string>().Order().ToList() : [];

    public string Text(string lakeName) => File.ReadAllText(PathOf(lakeName));

    /// <summary>A second refresh: exit 0, nothing new in the lake, nothing new reported, still within memory.</summary>
    public async Task AssertSecondRunAddsNothingAsync()
    {
        var names = Names();
        var quarantined = QuarantineCount();
        var reported = await ReportedAsync();
        var again = await RefreshAsync();
        Assert.AreEqual(0, again.ExitCode, again.ToString());
        CollectionAssert.AreEqual(names.ToList(), Names().ToList(), "the second run adds no file");
        Assert.AreEqual(quarantined, QuarantineCount(), "nothing quarantined again");
        Assert.AreEqual(reported, await ReportedAsync(), "no alert reported again");
    }

    public void Dispose() => _dir.Dispose();

}
