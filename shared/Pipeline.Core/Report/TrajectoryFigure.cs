using Pipeline.Core.Tables;
using Pipeline.Core.Indicators;
using Pipeline.Core.Gold;

namespace Pipeline.Core.Report;

/// <summary>One year of a trajectory as the report shows it: the measured value with its suppression range.</summary>
public sealed record FigurePoint(int Jaar, double? Waarde, double? WaardeMin, double? WaardeMax, double VerwachteWaarde,
    double? Achterstand, string Status, bool Voorlopig, string Kwaliteit)
{
    /// <summary>Suppression leaves a range of possible values; a bar is drawn only when it is wider than a point.</summary>
    public bool HeeftBereik => Waarde is not null && WaardeMin is { } min && WaardeMax is { } max && max > min;
}

/// <summary>
/// One trajectory (instelling, indicator) of <c>gold/trajecten</c> with what its chart and table need: the straight
/// path from the start value in the base year to the 2027 target, the tolerance, and the points by year.
/// </summary>
public sealed record TrajectoryFigure(
    string Instellingscode,
    string Indicator,
    IndicatorDefinition? Definitie,
    int Basisjaar,
    double Startwaarde,
    double Streefwaarde2027,
    double Tolerantie,
    IReadOnlyList<FigurePoint> Punten)
{
    public string Naam => Definitie?.Naam ?? Indicator;
    public string Eenheid => Definitie?.Eenheid ?? "";
    public FigurePoint Nieuwste => Punten[^1];

    /// <summary>The figures of one institution, one per indicator in <c>gold/trajecten</c>.</summary>
    public static IReadOnlyList<TrajectoryFigure> Of(ReportData data, string instellingscode)
    {
        var values = data.Indicatoren.Where(i => i.Instellingscode == instellingscode)
            .ToDictionary(i => (i.Indicator, i.Jaar));
        return data.TrajectenVan(instellingscode).Select(g =>
        {
            var first = g.First();
            var points = g.Select(t =>
            {
                var v = values.GetValueOrDefault((t.Indicator, t.Jaar));
                return new FigurePoint(t.Jaar, t.Waarde, v?.WaardeMin, v?.WaardeMax, t.VerwachteWaarde, t.Achterstand, t.Status,
                    data.IsVoorlopig(t.Indicator, t.Jaar), v?.Kwaliteit ?? "");
            }).ToList();
            return new TrajectoryFigure(instellingscode, g.Key, IndicatorCatalog.Find(g.Key), first.Basisjaar, first.Startwaarde,
                first.Streefwaarde2027, first.Tolerantie, points);
        }).ToList();
    }
}
