using Pipeline.Core.Tables;
using Pipeline.Core.Indicators;
using Pipeline.Core.Gold;

namespace Pipeline.Tests.Gold;

[TestClass]
public sealed class TrajectoryRulesTests
{
    private static IndicatorValue Value(string indicator, int jaar, double? w, double? min = null, double? max = null, double? noemer = 1000, double? noemerMin = null) =>
        new("25LH", indicator, jaar, w, min ?? w, max ?? w, null, noemer, noemerMin ?? noemer, Kwaliteit.Ok, SilverSource.Unknown);

    private static string? StatusOf(Ambition a, int jaar, IndicatorValue? v) =>
        TrajectoryRules.Evaluate(a, IndicatorCatalog.Get(a.Indicator), jaar, v)?.Status;

    [TestMethod]
    public void ExpectedValueIsLinearFromStartInBaseYearToTargetIn2027()
    {
        var a = new Ambition("25LH", "aandeel_bbl", 2022, 20, 25, 2);
        Assert.AreEqual(20.0, TrajectoryRules.VerwachteWaarde(a, 2022));
        Assert.AreEqual(22.0, TrajectoryRules.VerwachteWaarde(a, 2024), 1e-12);
        Assert.AreEqual(25.0, TrajectoryRules.VerwachteWaarde(a, 2027));
    }

    // Higher is better: basisjaar 2022, start 20, target 25, tol 2 → expected 2024 = 22.
    [TestMethod]
    [DataRow(2024, 22.0, TrajectoryStatus.OpKoers, 0.0, DisplayName = "on the line")]
    [DataRow(2024, 20.5, TrajectoryStatus.OpKoers, -1.5, DisplayName = "behind within tol")]
    [DataRow(2024, 19.5, TrajectoryStatus.Risico, -2.5, DisplayName = "behind more than tol")]
    [DataRow(2024, 17.5, TrajectoryStatus.UitKoers, -4.5, DisplayName = "behind more than 2 tol")]
    [DataRow(2022, 17.5, TrajectoryStatus.UitKoers, -2.5, DisplayName = "moved away from the ambition: only risico by gap, uit_koers by start")]
    [DataRow(2024, 30.0, TrajectoryStatus.OpKoers, 8.0, DisplayName = "ahead")]
    public void HigherIsBetter(int jaar, double waarde, string expected, double achterstand)
    {
        var a = new Ambition("25LH", "aandeel_bbl", 2022, 20, 25, 2);
        var p = TrajectoryRules.Evaluate(a, IndicatorCatalog.Get(a.Indicator), jaar, Value(a.Indicator, jaar, waarde))!;
        Assert.AreEqual(expected, p.Status);
        Assert.AreEqual(achterstand, p.Achterstand!.Value, 1e-9);
    }

    // Lower is better: vsv, basisjaar 2022, start 23,500, target 18,000, tol 500 → expected 2024 = 21,300.
    [TestMethod]
    [DataRow(2024, 21000.0, TrajectoryStatus.OpKoers, 300.0, DisplayName = "below the line is good")]
    [DataRow(2024, 21700.0, TrajectoryStatus.OpKoers, -400.0, DisplayName = "above within tol")]
    [DataRow(2024, 21900.0, TrajectoryStatus.Risico, -600.0, DisplayName = "above more than tol")]
    [DataRow(2024, 22400.0, TrajectoryStatus.UitKoers, -1100.0, DisplayName = "above more than 2 tol")]
    [DataRow(2022, 24100.0, TrajectoryStatus.UitKoers, -600.0, DisplayName = "rose above the start: moved away")]
    public void LowerIsBetter(int jaar, double waarde, string expected, double achterstand)
    {
        var a = new Ambition("NL", "vsv_landelijk", 2022, 23500, 18000, null); // catalog default tolerance 500
        var p = TrajectoryRules.Evaluate(a, IndicatorCatalog.Get(a.Indicator), jaar, Value(a.Indicator, jaar, waarde, noemer: null))!;
        Assert.AreEqual(500.0, p.Tolerantie);
        Assert.AreEqual(21300.0, TrajectoryRules.VerwachteWaarde(a, 2024), 1e-9);
        Assert.AreEqual(expected, p.Status);
        Assert.AreEqual(achterstand, p.Achterstand!.Value, 1e-9);
    }

    [TestMethod]
    [DataRow(2021, DisplayName = "before basisjaar")]
    [DataRow(2028, DisplayName = "after 2027")]
    public void YearsOutsideBasisjaarTo2027GetNoStatus(int jaar) =>
        Assert.IsNull(StatusOf(new Ambition("25LH", "aandeel_bbl", 2022, 20, 25, 2), jaar, Value("aandeel_bbl", jaar, 10)));

    [TestMethod]
    public void Year2027ItselfIsJudgedAgainstTheTarget() =>
        Assert.AreEqual(TrajectoryStatus.Risico, StatusOf(new Ambition("25LH", "aandeel_bbl", 2022, 20, 25, 2), 2027, Value("aandeel_bbl", 2027, 22.5)));

    [TestMethod]
    public void NoValueIsOnvoldoendeData() =>
        Assert.AreEqual(TrajectoryStatus.OnvoldoendeData, StatusOf(new Ambition("25LH", "aandeel_bbl", 2022, 20, 25, 2), 2024, null));

    [TestMethod]
    public void NullWaardeIsOnvoldoendeData() =>
        Assert.AreEqual(TrajectoryStatus.OnvoldoendeData, StatusOf(new Ambition("25LH", "job_veiligheid", 2022, 80, 85, 3), 2024, Value("job_veiligheid", 2024, null)));

    [TestMethod]
    public void NoemerBelowTheCatalogMinimumIsOnvoldoendeData() =>
        Assert.AreEqual(TrajectoryStatus.OnvoldoendeData,
            StatusOf(new Ambition("25LH", "aandeel_bbl", 2022, 20, 25, 2), 2024, Value("aandeel_bbl", 2024, 5, noemer: 29)));

    [TestMethod]
    public void NoemerAtTheMinimumIsJudged() =>
        Assert.AreEqual(TrajectoryStatus.UitKoers,
            StatusOf(new Ambition("25LH", "aandeel_bbl", 2022, 20, 25, 2), 2024, Value("aandeel_bbl", 2024, 5, noemer: 30)));

    [TestMethod]
    public void WithSuppressionTheSmallestPossibleNoemerCounts() =>
        // noemer with 2.5 per cell is 31, but it can be as small as 29: too small to judge.
        Assert.AreEqual(TrajectoryStatus.OnvoldoendeData,
            StatusOf(new Ambition("25LH", "aandeel_bbl", 2022, 20, 25, 2), 2024, Value("aandeel_bbl", 2024, 5, 4, 6, noemer: 31, noemerMin: 29)));

    [TestMethod]
    public void SuppressionThatSpansTwoStatusesIsOnvoldoendeData() =>
        // expected 22, tol 2: min 19.0 → risico, max 21.0 → op_koers. No alert on uncertain numbers.
        Assert.AreEqual(TrajectoryStatus.OnvoldoendeData,
            StatusOf(new Ambition("25LH", "aandeel_bbl", 2022, 20, 25, 2), 2024, Value("aandeel_bbl", 2024, 19.8, 19.0, 21.0)));

    [TestMethod]
    public void SuppressionWithinOneStatusKeepsThatStatus() =>
        Assert.AreEqual(TrajectoryStatus.UitKoers,
            StatusOf(new Ambition("25LH", "aandeel_bbl", 2022, 20, 25, 2), 2024, Value("aandeel_bbl", 2024, 15.0, 14.0, 16.5)));

    [TestMethod]
    public void AmbitionToleranceOverridesTheCatalogDefault()
    {
        // gap −2.5: risico with the default 2, op_koers with tolerance 3.
        Assert.AreEqual(TrajectoryStatus.Risico, StatusOf(new Ambition("25LH", "aandeel_bbl", 2022, 20, 25, null), 2024, Value("aandeel_bbl", 2024, 19.5)));
        Assert.AreEqual(TrajectoryStatus.OpKoers, StatusOf(new Ambition("25LH", "aandeel_bbl", 2022, 20, 25, 3), 2024, Value("aandeel_bbl", 2024, 19.5)));
    }

    [TestMethod]
    public void BuildCoversBasisjaarToNewestDataYearAndMarksMissingInstitutionYears()
    {
        var values = new[] { Value("aandeel_bbl", 2021, 20), Value("aandeel_bbl", 2022, 20), Value("aandeel_bbl", 2024, 22) }
            .Append(new IndicatorValue("25PZ", "aandeel_bbl", 2025, 30, 30, 30, null, 100, 100, Kwaliteit.Ok, SilverSource.Unknown)).ToList();
        var points = TrajectoryRules.Build([new Ambition("25LH", "aandeel_bbl", 2022, 20, 25, 2)], values);
        CollectionAssert.AreEqual(new[] { 2022, 2023, 2024, 2025 }, points.Select(p => p.Jaar).ToArray());
        CollectionAssert.AreEqual(new[] { TrajectoryStatus.OpKoers, TrajectoryStatus.OnvoldoendeData, TrajectoryStatus.OpKoers, TrajectoryStatus.OnvoldoendeData },
            points.Select(p => p.Status).ToArray());
    }
}
