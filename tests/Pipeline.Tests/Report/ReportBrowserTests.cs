using System.Text.RegularExpressions;

namespace Pipeline.Tests.Report;

/// <summary>
/// The sample report opened in a real browser (Debian's headless chromium): every page loads nothing but itself,
/// the DOM holds the charts, and a screenshot of one institution page is kept as a test artifact.
/// </summary>
[TestClass]
public sealed class ReportBrowserTests
{
    private static SampleReport _sample = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task CreateSample(TestContext _) => _sample = await SampleReport.CreateAsync();

    [ClassCleanup]
    public static void DeleteSample() => _sample?.Dispose();

    private static string Browser()
    {
        var binary = Chromium.Find();
        // A real browser is part of the test: .ci/run installs it; elsewhere apt-get install -y chromium.
        if (binary is null) Assert.Fail("chromium is not installed: apt-get install -y chromium (.ci/run does).");
        return binary;
    }

    [TestMethod]
    public async Task Every_page_opens_in_chromium_without_loading_anything_else_and_shows_its_charts()
    {
        var binary = Browser();
        var charts = _sample.Query("SELECT instellingscode, count(DISTINCT indicator) FROM trajecten GROUP BY 1")
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt32(r[1]));
        using var profiles = new Infrastructure.TempDirectory();
        var pages = _sample.InstitutionFiles.Prepend(_sample.IndexFile).ToList();
        using var gate = new SemaphoreSlim(3);
        var results = await Task.WhenAll(pages.Select(async (page, i) =>
        {
            await gate.WaitAsync(TestContext.CancellationToken);
            try { return (page, r: await Chromium.RunAsync(binary, page, "--dump-dom", Path.Combine(profiles.Path, $"p{i}"), TestContext.CancellationToken)); }
            finally { gate.Release(); }
        }));

        foreach (var (page, r) in results)
        {
            var name = Path.GetFileName(page);
            Assert.AreEqual(0, r.Exit, $"{name}: {Tail(r.Stderr)}");
            Assert.IsEmpty(Chromium.ForeignLoads(r.Stderr, page), $"{name} loaded something besides itself");
            StringAssert.Contains(r.Stdout, "<html lang=\"nl\">", name);
            if (page == _sample.IndexFile)
            {
                StringAssert.Contains(r.Stdout, "id=\"stand-per-indicator\"");
                continue;
            }
            var code = Path.GetFileNameWithoutExtension(page);
            Assert.AreEqual(charts[code], Regex.Count(r.Stdout, "<svg role=\"img\""), $"{name}: charts in the DOM");
            Assert.IsTrue(Regex.IsMatch(r.Stdout, "<svg[^>]*>.*?<(path|polyline|polygon|rect|line)\\b.*?</svg>", RegexOptions.Singleline),
                $"{name}: the charts have drawn shapes in the DOM");
        }
    }

    [TestMethod]
    public async Task A_screenshot_of_an_institution_page_is_kept_as_an_artifact()
    {
        var binary = Browser();
        var page = _sample.InstitutionFiles.OrderByDescending(f => Regex.Count(File.ReadAllText(f), "<svg\\b")).First();
        using var profile = new Infrastructure.TempDirectory();
        var dir = Path.Combine(RepoRoot.Find(), "artifacts", "report");
        Directory.CreateDirectory(dir);
        var png = Path.Combine(dir, $"instelling-{Path.GetFileNameWithoutExtension(page)}.png");
        File.Delete(png);
        var r = await Chromium.RunAsync(binary, page, $"--screenshot={png}", profile.Path, TestContext.CancellationToken);
        Assert.AreEqual(0, r.Exit, Tail(r.Stderr));
        Assert.IsEmpty(Chromium.ForeignLoads(r.Stderr, page));
        Assert.IsTrue(File.Exists(png), Tail(r.Stderr));
        var bytes = await File.ReadAllBytesAsync(png, TestContext.CancellationToken);
        CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4], "a PNG");
        Assert.IsGreaterThan(10_000, bytes.Length, "a rendered page, not a blank one");
        TestContext.AddResultFile(png);
    }

    private static string Tail(string s) => s.Length > 2000 ? s[^2000..] : s;
}
