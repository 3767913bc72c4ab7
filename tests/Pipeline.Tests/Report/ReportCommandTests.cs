using Pipeline.Core.Tables;
using System.Text.RegularExpressions;
using Pipeline.Core.Lake;

namespace Pipeline.Tests.Report;

/// <summary>
/// <c>pipeline report --out DIR</c> on the sample lake: an index and one page per institution, a chart per trajectory,
/// the index's counts equal to the lake's, Dutch numbers, and nothing loaded from outside the report.
/// </summary>
[TestClass]
public sealed partial class ReportCommandTests
{
    private static SampleReport _sample = null!;

    [ClassInitialize]
    public static async Task CreateSample(TestContext _) => _sample = await SampleReport.CreateAsync();

    [ClassCleanup]
    public static void DeleteSample() => _sample?.Dispose();

    [TestMethod]
    public void Report_has_an_index_and_one_page_per_institution_with_a_trajectory()
    {
        Assert.IsTrue(File.Exists(_sample.IndexFile), _sample.ReportOutput);
        var expected = _sample.Query("SELECT DISTINCT instellingscode FROM trajecten ORDER BY 1").Select(r => (string)r[0]!).ToList();
        Assert.IsNotEmpty(expected);
        CollectionAssert.AreEqual(expected, _sample.InstitutionFiles.Select(Path.GetFileNameWithoutExtension).ToList());
        var index = File.ReadAllText(_sample.IndexFile);
        foreach (var code in expected) StringAssert.Contains(index, $"href=\"instelling/{code}.html\"");
        StringAssert.Contains(_sample.ReportOutput, $"{expected.Count + 1} pages");
    }

    [TestMethod]
    public void Every_institution_page_has_exactly_one_chart_per_trajectory_in_gold()
    {
        var trajectories = _sample.Query("SELECT instellingscode, indicator FROM trajecten GROUP BY 1, 2")
            .ToLookup(r => (string)r[0]!, r => (string)r[1]!);
        foreach (var file in _sample.InstitutionFiles)
        {
            var html = File.ReadAllText(file);
            var code = Path.GetFileNameWithoutExtension(file);
            var indicators = trajectories[code].Order(StringComparer.Ordinal).ToList();
            Assert.AreEqual(indicators.Count, Regex.Count(html, "<svg\\b"), code);
            Assert.AreEqual(indicators.Count, Regex.Count(html, "<svg role=\"img\" aria-label=\"[^\"]+\""), $"{code}: every chart has a text label");
            CollectionAssert.AreEqual(indicators, FigureIndicator().Matches(html).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList(), code);
            Assert.AreEqual(indicators.Count, Regex.Count(html, "<figcaption>"), $"{code}: every chart has a caption with its values");
        }
    }

    [TestMethod]
    public void Index_counts_per_indicator_and_status_equal_the_newest_year_of_each_trajectory_in_the_lake()
    {
        var expected = _sample.Query(
                "SELECT indicator, status, count(*) FROM (SELECT indicator, status, row_number() OVER " +
                "(PARTITION BY instellingscode, indicator ORDER BY jaar DESC) AS n FROM trajecten) WHERE n = 1 GROUP BY 1, 2")
            .ToDictionary(r => ((string)r[0]!, (string)r[1]!), r => Convert.ToInt32(r[2]));
        var index = File.ReadAllText(_sample.IndexFile);
        var cells = IndexCell().Matches(index).ToDictionary(m => (m.Groups[1].Value, m.Groups[2].Value), m => int.Parse(m.Groups[3].Value));
        Assert.IsNotEmpty(cells);
        var indicators = expected.Keys.Select(k => k.Item1).Distinct().ToList();
        Assert.AreEqual(indicators.Count * Core.Tables.TrajectoryStatus.All.Count, cells.Count, "one cell per indicator and status");
        foreach (var ((indicator, status), n) in cells)
            Assert.AreEqual(expected.GetValueOrDefault((indicator, status)), n, $"{indicator} {status}");
        Assert.AreEqual(expected.Values.Sum(), cells.Values.Sum());
    }

    [TestMethod]
    public void Numbers_are_written_the_Dutch_way()
    {
        var page = File.ReadAllText(_sample.InstitutionFiles[0]);
        Assert.IsTrue(Regex.IsMatch(page, "<td class=\"getal\">−?\\d{1,3}(\\.\\d{3})*,\\d</td>"), "a value with a decimal comma in a table");
        Assert.IsFalse(Regex.IsMatch(page, "<td class=\"getal\">−?\\d+\\.\\d</td>"), "no decimal point");
        Assert.IsTrue(Regex.IsMatch(page, ">\\d{1,3},\\d<"), "axis labels with a decimal comma in the SVG");
        StringAssert.Contains(page, "<html lang=\"nl\">");
    }

    [TestMethod]
    public void Pages_reference_nothing_outside_the_report()
    {
        foreach (var file in _sample.InstitutionFiles.Prepend(_sample.IndexFile))
        {
            var html = File.ReadAllText(file);
            foreach (Match m in Reference().Matches(html))
            {
                var target = m.Groups[2].Value;
                Assert.IsFalse(Regex.IsMatch(target, "^(https?:|//|file:|data:)", RegexOptions.IgnoreCase), $"{file}: {m.Value}");
                if (target.StartsWith('#')) continue;
                var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, target));
                Assert.IsTrue(File.Exists(resolved), $"{file}: {target} is not a page of the report");
            }
            Assert.DoesNotContain("<script", html, file);
            Assert.DoesNotContain("<link", html, file);
            Assert.DoesNotContain("@import", html, file);
            Assert.IsFalse(Regex.IsMatch(html, "url\\((?!#)"), $"{file}: a CSS url() that is not a fragment");
        }
    }

    [TestMethod]
    public void The_refresh_wrote_the_same_report_to_the_lake()
    {
        var zone = Path.Combine(_sample.Lake, LakeZones.Reports);
        var inLake = Directory.GetFiles(zone, "*.html", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(zone, f)).Order().ToList();
        var written = Directory.GetFiles(_sample.Out, "*.html", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_sample.Out, f)).Order().ToList();
        CollectionAssert.AreEqual(written, inLake);
    }

    [GeneratedRegex("<figure id=\"[^\"]+\" data-indicator=\"([^\"]+)\"")]
    private static partial Regex FigureIndicator();

    [GeneratedRegex("<td class=\"getal\" data-indicator=\"([^\"]+)\" data-status=\"([^\"]+)\">(\\d+)</td>")]
    private static partial Regex IndexCell();

    [GeneratedRegex("\\b(src|href|xlink:href)\\s*=\\s*\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();
}
