using Pipeline.Core.Tables;
using Pipeline.Core.Indicators;
using Pipeline.Core.Gold;

namespace Pipeline.Tests.Gold;

[TestClass]
public sealed class IndicatorCalculatorTests
{
    private static readonly SilverSource Duo = new("duo", "mbo-studenten-per-instelling", "abc", new DateOnly(2026, 11, 2));

    private static IEnumerable<StudentenRow> Students(int jaar, string code, int? bbl, int? boldt, int? bolvt, int? ex, bool voorlopig = false) =>
        new[] { ("BBL", bbl), ("BOLDT", boldt), ("BOLVT", bolvt), ("EX", ex) }
            .Select(x => new StudentenRow(jaar, code, "ROC Test", x.Item1, x.Item2, x.Item2 is null, voorlopig, Duo));

    private static IndicatorValue Find(IndicatorCalculator.Result r, string indicator, string code = "25LH", int jaar = 2024) =>
        r.Values.Single(v => v.Indicator == indicator && v.Instellingscode == code && v.Jaar == jaar);

    [TestMethod]
    public void AandeelBblIsBblOverBblBoldtBolvtExcludingExtranei()
    {
        var r = IndicatorCalculator.Compute(new SilverData { Studenten = Students(2024, "25LH", 30, 10, 60, 5).ToList() });
        var v = Find(r, IndicatorCatalog.AandeelBbl);
        Assert.AreEqual(30.0, v.Waarde);
        Assert.AreEqual(30.0, v.WaardeMin);
        Assert.AreEqual(30.0, v.WaardeMax);
        Assert.AreEqual(30.0, v.Teller);
        Assert.AreEqual(100.0, v.Noemer);
        Assert.AreEqual(Kwaliteit.Ok, v.Kwaliteit);
        Assert.AreEqual("duo/mbo-studenten-per-instelling@sha256:abc", v.Bron.Label);
        Assert.AreEqual(105.0, Find(r, IndicatorCatalog.StudentenTotaal).Waarde);
    }

    [TestMethod]
    public void SuppressedCellGivesMidpointValueAndCornerBoundsAndOnderdrukt()
    {
        var r = IndicatorCalculator.Compute(new SilverData { Studenten = Students(2024, "25LH", 20, null, 30, 2).ToList() });
        var v = Find(r, IndicatorCatalog.AandeelBbl);
        Assert.AreEqual(100 * 20 / 52.5, v.Waarde!.Value, 1e-12);
        Assert.AreEqual(100 * 20 / 54.0, v.WaardeMin!.Value, 1e-12);
        Assert.AreEqual(100 * 20 / 51.0, v.WaardeMax!.Value, 1e-12);
        Assert.AreEqual(51.0, v.NoemerMin);
        Assert.AreEqual(Kwaliteit.Onderdrukt, v.Kwaliteit);
        var total = Find(r, IndicatorCatalog.StudentenTotaal);
        Assert.AreEqual((54.5, 53.0, 56.0), (total.Waarde, total.WaardeMin, total.WaardeMax));
    }

    [TestMethod]
    public void SuppressedExtraneiDoesNotMakeTheBblShareUncertain()
    {
        var r = IndicatorCalculator.Compute(new SilverData { Studenten = Students(2024, "25LH", 30, 10, 60, null).ToList() });
        Assert.AreEqual(Kwaliteit.Ok, Find(r, IndicatorCatalog.AandeelBbl).Kwaliteit);
        Assert.AreEqual(Kwaliteit.Onderdrukt, Find(r, IndicatorCatalog.StudentenTotaal).Kwaliteit);
    }

    [TestMethod]
    public void ProvisionalYearIsMarkedVoorlopig()
    {
        var r = IndicatorCalculator.Compute(new SilverData { Studenten = Students(2025, "25LH", 30, 10, 60, 5, voorlopig: true).ToList() });
        Assert.AreEqual(Kwaliteit.Voorlopig, Find(r, IndicatorCatalog.AandeelBbl, jaar: 2025).Kwaliteit);
    }

    [TestMethod]
    public void DiplomaShareCountsAllRoutesAndBothSexes()
    {
        var src = new SilverSource("duo", "gediplomeerde-mbo-studenten", "d1");
        GediplomeerdenRow D(string leerweg, string geslacht, int? n) => new(2024, "25LH", "ROC Test", leerweg, 2, "25001", geslacht, n, n is null, false, src);
        var r = IndicatorCalculator.Compute(new SilverData
        {
            Gediplomeerden = [D("BBL", "man", 10), D("BBL", "vrouw", 15), D("BOLVT", "man", 50), D("BOLVT", "vrouw", 20), D("EX", "man", 5)],
        });
        Assert.AreEqual(25.0, Find(r, IndicatorCatalog.AandeelGediplomeerdenBbl).Waarde);
        Assert.AreEqual(100.0, Find(r, IndicatorCatalog.GediplomeerdenTotaal).Waarde);
    }

    [TestMethod]
    public void JobThemesGiveTheirPercentageAndRespondentsAsNoemer()
    {
        var src = new SilverSource("job", "job-monitor", "j1");
        var r = IndicatorCalculator.Compute(new SilverData
        {
            JobMonitor =
            [
                new(2024, "25LH", "veiligheid", "Voel je je veilig op school?", 400, 81.5, null, src),
                new(2024, "25LH", "stagebegeleiding", "Begeleiding vanuit school", 200, 60.0, null, src),
                new(2024, "25LH", "stagebegeleiding", "Begeleiding in het bedrijf", 300, 70.0, null, src),
                new(2024, "25LH", "opleiding", "Rapportcijfer opleiding", 410, null, 6.8, src),
            ],
        });
        Assert.AreEqual(81.5, Find(r, IndicatorCatalog.JobVeiligheid).Waarde);
        Assert.AreEqual(400.0, Find(r, IndicatorCatalog.JobVeiligheid).Noemer);
        var stage = Find(r, IndicatorCatalog.JobStagebegeleiding);
        Assert.AreEqual((60.0 * 200 + 70.0 * 300) / 500, stage.Waarde!.Value, 1e-12);
        Assert.AreEqual(200.0, stage.Noemer);
        Assert.AreEqual(6.8, Find(r, IndicatorCatalog.JobRapportcijferOpleiding).Waarde);
    }
}
