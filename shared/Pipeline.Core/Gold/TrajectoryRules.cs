using Pipeline.Core.Indicators;
using Pipeline.Core.Tables;

namespace Pipeline.Core.Gold;

/// <summary>One row of <c>gold/trajecten</c>: where a value stands against the institution's ambition trajectory.</summary>
public sealed record TrajectoryPoint(
    string Instellingscode,
    string Indicator,
    int Jaar,
    double? Waarde,
    double Startwaarde,
    double VerwachteWaarde,
    double Streefwaarde2027,
    double? Achterstand,
    double Tolerantie,
    string Status,
    Ambition Ambition,
    IndicatorValue? Value);

/// <summary>The trajectory and status rules of the issue, exactly; see docs/indicatoren.md.</summary>
public static class TrajectoryRules
{
    public const int Doeljaar = AmbitionsParser.Doeljaar;

    /// <summary><c>startwaarde + (streefwaarde_2027 − startwaarde) × (jaar − basisjaar) / (2027 − basisjaar)</c>.</summary>
    public static double VerwachteWaarde(Ambition a, int jaar) =>
        a.Startwaarde + (a.Streefwaarde2027 - a.Startwaarde) * (jaar - a.Basisjaar) / (Doeljaar - a.Basisjaar);

    /// <summary>
    /// The status of <paramref name="value"/> (null: no value that year) against <paramref name="a"/>; null for years
    /// before basisjaar or after 2027, which get no status.
    /// </summary>
    public static TrajectoryPoint? Evaluate(Ambition a, IndicatorDefinition def, int jaar, IndicatorValue? value)
    {
        if (jaar < a.Basisjaar || jaar > Doeljaar) return null;
        var s = def.Richting.Sign();
        var tol = a.Tolerantie ?? def.StandaardTolerantie ?? 0;
        var expected = VerwachteWaarde(a, jaar);
        var waarde = value?.Waarde;
        double? achterstand = waarde is { } w ? s * (w - expected) : null;

        string status;
        if (waarde is null)
            status = TrajectoryStatus.OnvoldoendeData;
        else if (def.MinimumNoemer is { } min && (value!.NoemerMin ?? value.Noemer) is { } noemer && noemer < min)
            status = TrajectoryStatus.OnvoldoendeData;
        else
        {
            // Suppression: no alert on numbers it makes uncertain. The rules are judged at both bounds.
            var atMin = Judge(value!.WaardeMin ?? waarde.Value, expected, a.Startwaarde, s, tol);
            var atMax = Judge(value.WaardeMax ?? waarde.Value, expected, a.Startwaarde, s, tol);
            status = atMin != atMax ? TrajectoryStatus.OnvoldoendeData : Judge(waarde.Value, expected, a.Startwaarde, s, tol);
        }
        return new TrajectoryPoint(a.Instellingscode, a.Indicator, jaar, waarde, a.Startwaarde, expected, a.Streefwaarde2027,
            achterstand, tol, status, a, value);
    }

    /// <summary>The status rules on one number (no data checks): uit_koers, then risico, else op_koers.</summary>
    public static string Judge(double waarde, double verwachteWaarde, double startwaarde, int s, double tol)
    {
        var achterstand = s * (waarde - verwachteWaarde);
        if (achterstand < -2 * tol || s * (waarde - startwaarde) < -tol) return TrajectoryStatus.UitKoers;
        if (achterstand < -tol) return TrajectoryStatus.Risico;
        return TrajectoryStatus.OpKoers;
    }

    /// <summary>
    /// Trajectory rows for every ambition, for each year from basisjaar up to 2027 or the newest year the indicator
    /// has data for anywhere (whichever is first); a missing value for the institution that year is onvoldoende_data.
    /// </summary>
    public static IReadOnlyList<TrajectoryPoint> Build(IEnumerable<Ambition> ambitions, IReadOnlyList<IndicatorValue> values)
    {
        var byKey = values.ToDictionary(v => (v.Instellingscode, v.Indicator, v.Jaar));
        var newest = values.GroupBy(v => v.Indicator).ToDictionary(g => g.Key, g => g.Max(v => v.Jaar));
        var points = new List<TrajectoryPoint>();
        foreach (var a in ambitions)
        {
            var def = IndicatorCatalog.Get(a.Indicator);
            if (!newest.TryGetValue(a.Indicator, out var last)) continue;
            for (var jaar = a.Basisjaar; jaar <= Math.Min(Doeljaar, last); jaar++)
            {
                var p = Evaluate(a, def, jaar, byKey.GetValueOrDefault((a.Instellingscode, a.Indicator, jaar)));
                if (p is not null) points.Add(p);
            }
        }
        return points.OrderBy(p => p.Instellingscode, StringComparer.Ordinal).ThenBy(p => p.Indicator, StringComparer.Ordinal)
            .ThenBy(p => p.Jaar).ToList();
    }
}
