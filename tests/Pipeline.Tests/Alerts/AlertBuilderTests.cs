using Pipeline.Core.Tables;
using Pipeline.Core.Indicators;
using Pipeline.Core.Alerts;
using Pipeline.Core.Gold;

namespace Pipeline.Tests.Alerts;

[TestClass]
public sealed class AlertBuilderTests
{
    private static readonly SilverSource Duo = new("duo", "mbo-studenten-per-instelling", "ab12cd34ef56ab12cd34", new DateOnly(2026, 11, 2));

    private static TrajectoryPoint Point(string indicator, double waarde, int jaar = 2024, string code = "25LH", double start = 20, double target = 25, double? tol = 2) =>
        TrajectoryRules.Evaluate(new Ambition(code, indicator, 2022, start, target, tol), IndicatorCatalog.Get(indicator), jaar,
            new IndicatorValue(code, indicator, jaar, waarde, waarde, waarde, null, 1000, 1000, Kwaliteit.Ok, Duo))!;

    [TestMethod]
    public void RisicoTextSaysInPlainDutchWhoWhatValueExpectedTargetGapStatusAndSource()
    {
        var a = AlertBuilder.Build(Point("aandeel_bbl", 19.5), "ROC Midden Nederland");
        Assert.AreEqual(Ernst.Waarschuwing, a.Ernst);
        Assert.AreEqual(TrajectoryStatus.Risico, a.Status);
        foreach (var part in new[]
                 {
                     "ROC Midden Nederland", "25LH", "Aandeel studenten in de bbl", "2024", "19,5 %", "22,0 %", "Streefwaarde 2027: 25,0 %",
                     "Achterstand op het traject: 2,5 procentpunt", "risico", "DUO, dataset mbo-studenten-per-instelling",
                     "opgehaald op 2 november 2026",
                 })
            StringAssert.Contains(a.Tekst + a.Titel, part);
    }

    [TestMethod]
    public void UitKoersIsKritiekAndSaysTheValueMovedAway()
    {
        var a = AlertBuilder.Build(Point("aandeel_bbl", 17.5, jaar: 2022), "ROC Midden Nederland");
        Assert.AreEqual(Ernst.Kritiek, a.Ernst);
        StringAssert.Contains(a.Tekst, "uit koers");
        StringAssert.Contains(a.Tekst, "verder van de ambitie");
    }

    [TestMethod]
    public void CountsUseDutchThousandsSeparators()
    {
        var a = AlertBuilder.Build(Point("vsv_landelijk", 22400, code: "NL", start: 23500, target: 18000, tol: null), "Nederland (landelijk)");
        StringAssert.Contains(a.Tekst, "22.400");
        StringAssert.Contains(a.Tekst, "18.000");
        StringAssert.Contains(a.Tekst, "Achterstand op het traject: 1.100");
    }

    [TestMethod]
    public void AlertIdIsDeterministicFromInstitutionIndicatorYearAndStatus()
    {
        var a1 = AlertBuilder.Build(Point("aandeel_bbl", 19.5), "x");
        var a2 = AlertBuilder.Build(Point("aandeel_bbl", 19.4), "y");
        var a3 = AlertBuilder.Build(Point("aandeel_bbl", 17.0), "x");
        Assert.AreEqual(a1.AlertId, a2.AlertId, "same key and status, different value: same id");
        Assert.AreNotEqual(a1.AlertId, a3.AlertId, "another status: another id");
        Assert.AreEqual(Alert.IdFor("25LH", "aandeel_bbl", 2024, "risico"), a1.AlertId);
        Assert.AreEqual(16, a1.AlertId.Length);
    }

    [TestMethod]
    public void OnlyRisicoAndUitKoersBecomeAlerts()
    {
        var alerts = AlertBuilder.Build([Point("aandeel_bbl", 22), Point("aandeel_bbl", 19.5), Point("aandeel_bbl", 15)],
            new Dictionary<string, string> { ["25LH"] = "ROC Midden Nederland" });
        CollectionAssert.AreEqual(new[] { Ernst.Waarschuwing, Ernst.Kritiek }, alerts.Select(a => a.Ernst).ToArray());
    }
}
