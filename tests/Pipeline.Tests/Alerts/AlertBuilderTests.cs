using Pipeline.Core.Tables;
using Pipeline.Core.Indicators;
using Pipeline.Core.Alerts;
using Pipeline.Core.Gold;

namespace Pipeline.Tests.Alerts;

[TestClass]
public sealed class AlertBuilderTests
{
    private static readonly SilverSource Duo = new("duo", "mbo-studenten-per-instelling", "ab12cd34ef56ab12cd34", new DateOnly(2026, 11, 2));

    private sealed record Point(TrajectRow Row, IndicatorRow Value);

    private static Point At(string indicator, double waarde, int jaar = 2024, string code = "25LH", double start = 20, double target = 25, double? tol = 2)
    {
        var p = TrajectoryRules.Evaluate(new Ambition(code, indicator, 2022, start, target, tol), IndicatorCatalog.Get(indicator), jaar,
            new IndicatorValue(code, indicator, jaar, waarde, waarde, waarde, null, 1000, 1000, Kwaliteit.Ok, Duo))!;
        var row = new TrajectRow
        {
            Instellingscode = p.Instellingscode, Indicator = p.Indicator, Jaar = p.Jaar, Waarde = p.Waarde, Startwaarde = p.Startwaarde,
            VerwachteWaarde = p.VerwachteWaarde, Streefwaarde2027 = p.Streefwaarde2027, Achterstand = p.Achterstand,
            Tolerantie = p.Tolerantie, Status = p.Status, Basisjaar = p.Ambition.Basisjaar,
        };
        var value = new IndicatorRow
        {
            Instellingscode = code, Indicator = indicator, Jaar = jaar, Waarde = waarde, WaardeMin = waarde, WaardeMax = waarde, Noemer = 1000,
            NoemerMin = 1000, Kwaliteit = Kwaliteit.Ok, Bron = Duo.Label, BronOpgehaald = IndicatorRow.Date(Duo.Opgehaald),
        };
        return new Point(row, value);
    }

    private static Alert Build(Point p, string naam) => AlertBuilder.Build(p.Row, p.Value, naam);

    [TestMethod]
    public void RisicoTextSaysInPlainDutchWhoWhatValueExpectedTargetGapStatusAndSource()
    {
        var a = Build(At("aandeel_bbl", 19.5), "ROC Midden Nederland");
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
        var a = Build(At("aandeel_bbl", 17.5, jaar: 2022), "ROC Midden Nederland");
        Assert.AreEqual(Ernst.Kritiek, a.Ernst);
        StringAssert.Contains(a.Tekst, "uit koers");
        StringAssert.Contains(a.Tekst, "verder van de ambitie");
    }

    [TestMethod]
    public void CountsUseDutchThousandsSeparators()
    {
        var a = Build(At("vsv_landelijk", 22400, code: "NL", start: 23500, target: 18000, tol: null), "Nederland (landelijk)");
        StringAssert.Contains(a.Tekst, "22.400");
        StringAssert.Contains(a.Tekst, "18.000");
        StringAssert.Contains(a.Tekst, "Achterstand op het traject: 1.100");
    }

    [TestMethod]
    public void AlertIdIsDeterministicFromInstitutionIndicatorYearAndStatus()
    {
        var a1 = Build(At("aandeel_bbl", 19.5), "x");
        var a2 = Build(At("aandeel_bbl", 19.4), "y");
        var a3 = Build(At("aandeel_bbl", 17.0), "x");
        Assert.AreEqual(a1.AlertId, a2.AlertId, "same key and status, different value: same id");
        Assert.AreNotEqual(a1.AlertId, a3.AlertId, "another status: another id");
        Assert.AreEqual(Alert.IdFor("25LH", "aandeel_bbl", 2024, "risico"), a1.AlertId);
        Assert.AreEqual(16, a1.AlertId.Length);
    }

    [TestMethod]
    public void OnlyRisicoAndUitKoersBecomeAlerts()
    {
        var names = new Dictionary<string, string> { ["25LH"] = "ROC Midden Nederland", ["25PZ"] = "ROC Mondriaan", ["27GN"] = "GLR" };
        var points = new[] { At("aandeel_bbl", 22), At("aandeel_bbl", 19.5, code: "25PZ"), At("aandeel_bbl", 15, code: "27GN") };
        var current = AlertBuilder.Build(points.Select(p => p.Row), points.Select(p => p.Value), names);
        CollectionAssert.AreEqual(new[] { Ernst.Waarschuwing, Ernst.Kritiek }, current.Alerts.Select(a => a.Ernst).ToArray());
        CollectionAssert.AreEqual(new[] { "25LH|aandeel_bbl" }, current.Recovered.ToArray(), "op_koers: back on course");
    }

    [TestMethod]
    public void OnlyTheNewestYearOfATrajectoryRaisesAnAlert_OlderYearsAreHistory()
    {
        // 2022 uit koers, 2023 risico, 2024 back on course: nothing to act on now.
        var recovered = new[] { At("aandeel_bbl", 15, jaar: 2022), At("aandeel_bbl", 18.5, jaar: 2023), At("aandeel_bbl", 23, jaar: 2024) };
        // 2022 on course, 2024 uit koers: one alert, for 2024.
        var relapsed = new[] { At("aandeel_bbl", 21, jaar: 2022, code: "25PZ"), At("aandeel_bbl", 15, jaar: 2024, code: "25PZ") };
        var all = recovered.Concat(relapsed).ToList();
        CollectionAssert.AreEqual(new[] { TrajectoryStatus.UitKoers, TrajectoryStatus.Risico, TrajectoryStatus.OpKoers },
            recovered.Select(p => p.Row.Status).ToArray(), "older years at risk exist");

        var current = AlertBuilder.Build(all.Select(p => p.Row), all.Select(p => p.Value), new Dictionary<string, string>());
        var alert = current.Alerts.Single();
        Assert.AreEqual(("25PZ", 2024, TrajectoryStatus.UitKoers), (alert.Instellingscode, alert.Jaar, alert.Status));
        CollectionAssert.AreEqual(new[] { "25LH|aandeel_bbl" }, current.Recovered.ToArray());
    }
}
