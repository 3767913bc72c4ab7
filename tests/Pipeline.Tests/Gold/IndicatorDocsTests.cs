using Pipeline.Core.Indicators;
using Pipeline.Core.Gold;

namespace Pipeline.Tests.Gold;

[TestClass]
public sealed class IndicatorDocsTests
{
    [TestMethod]
    public void DocsIndicatorenMdIsExactlyWhatTheCatalogGenerates()
    {
        var path = Path.Combine(RepoRoot.Find(), "docs", "indicatoren.md");
        var expected = IndicatorDocs.Render();
        if (Environment.GetEnvironmentVariable("PIPELINE_UPDATE_DOCS") == "1") File.WriteAllText(path, expected);
        Assert.IsTrue(File.Exists(path), $"{path} is missing; run the tests with PIPELINE_UPDATE_DOCS=1 to generate it.");
        Assert.AreEqual(expected, File.ReadAllText(path).Replace("\r\n", "\n"),
            "docs/indicatoren.md differs from IndicatorCatalog; run the tests with PIPELINE_UPDATE_DOCS=1 to regenerate it.");
    }

    [TestMethod]
    public void EveryIssueIndicatorIsInTheCatalogWithItsDirection()
    {
        (string Code, Direction Dir)[] required =
        [
            ("studenten_totaal", Direction.None), ("aandeel_bbl", Direction.HigherIsBetter), ("gediplomeerden_totaal", Direction.None),
            ("aandeel_gediplomeerden_bbl", Direction.HigherIsBetter), ("vsv_landelijk", Direction.LowerIsBetter),
            ("job_veiligheid", Direction.HigherIsBetter), ("job_stagebegeleiding", Direction.HigherIsBetter),
            ("job_rapportcijfer_opleiding", Direction.HigherIsBetter),
        ];
        foreach (var (code, dir) in required) Assert.AreEqual(dir, IndicatorCatalog.Get(code).Richting, code);
    }
}
