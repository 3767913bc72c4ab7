using Pipeline.Core.Tables;
using Pipeline.Core.Indicators;
using Pipeline.Core.Datasets;

namespace Pipeline.Core.Gold;

/// <summary>Indicator formulas as pure functions of silver rows (one value per instelling, indicator and jaar).</summary>
public static class IndicatorCalculator
{
    public sealed record Result(IReadOnlyList<IndicatorValue> Values, IReadOnlyList<IndicatorWarning> Warnings);

    /// <summary>The formulas over rows written by hand: folded as <see cref="SilverReader"/> folds the lake's rows.</summary>
    public static Result Compute(SilverData silver, IReadOnlyDictionary<string, CbsRowSelection>? cbsRows = null) =>
        Compute(SilverTotals.Of(silver), cbsRows);

    /// <param name="cbsRows">The rows and topics read from CBS tables, by table id (the declared ones when null).</param>
    public static Result Compute(SilverTotals silver, IReadOnlyDictionary<string, CbsRowSelection>? cbsRows = null)
    {
        var warnings = new List<IndicatorWarning>();
        var values = new List<IndicatorValue>();
        values.AddRange(FromCounts(silver.Studenten, IndicatorCatalog.StudentenTotaal, IndicatorCatalog.AandeelBbl, rest: [LeerwegGroep.Bol]));
        values.AddRange(FromCounts(silver.Gediplomeerden, IndicatorCatalog.GediplomeerdenTotaal, IndicatorCatalog.AandeelGediplomeerdenBbl, rest: null));
        values.AddRange(FromCounts(silver.Instroom, IndicatorCatalog.InstroomTotaal, IndicatorCatalog.AandeelInstroomBbl, rest: null));
        values.AddRange(JobMonitor(silver.JobMonitor, "veiligheid", IndicatorCatalog.JobVeiligheid, r => r.PercentagePositief));
        values.AddRange(JobMonitor(silver.JobMonitor, "stagebegeleiding", IndicatorCatalog.JobStagebegeleiding, r => r.PercentagePositief));
        values.AddRange(JobMonitor(silver.JobMonitor, "opleiding", IndicatorCatalog.JobRapportcijferOpleiding, r => r.Rapportcijfer));
        var vsv = DatasetCatalog.Cbs85368;
        values.AddRange(VsvCalculator.Compute(silver.Vsv, vsv.Dataset, cbsRows?.GetValueOrDefault(vsv.Dataset) ?? vsv.CbsRows!, warnings));
        return new Result(
            values.OrderBy(v => v.Indicator, StringComparer.Ordinal).ThenBy(v => v.Instellingscode, StringComparer.Ordinal)
                .ThenBy(v => v.Jaar).ToList(),
            warnings);
    }

    /// <summary>
    /// A total over all rows and the BBL share. <paramref name="rest"/> names the route groups in the share's denominator
    /// besides BBL (null: every other route) — students exclude EX from it, diplomas and inflow do not. DUO's codes
    /// (BOL, BOLDT, BOLVT, …) are grouped by <see cref="LeerwegGroepen.Of"/> as the rows are added to the totals.
    /// </summary>
    private static IEnumerable<IndicatorValue> FromCounts(CountTotals totals, string totaalCode, string aandeelCode, LeerwegGroep[]? rest)
    {
        foreach (var (code, jaar, cells) in totals.Groups)
        {
            var all = cells.All;
            var total = SuppressedArithmetic.Sum(all);
            yield return new IndicatorValue(code, totaalCode, jaar, total.Waarde, total.Min, total.Max,
                Teller: total.Waarde, Noemer: null, NoemerMin: null, KwaliteitOf(all.Suppressed > 0, cells.Voorlopig), cells.Bron);

            var bbl = cells[LeerwegGroep.Bbl];
            var others = Enum.GetValues<LeerwegGroep>().Where(g => g != LeerwegGroep.Bbl && (rest is null || rest.Contains(g)))
                .Aggregate(new CellTotal(), (sum, g) => sum + cells[g]);
            var share = SuppressedArithmetic.Share(bbl, others);
            var shareSuppressed = bbl.Suppressed + others.Suppressed > 0;
            yield return share is null
                ? new IndicatorValue(code, aandeelCode, jaar, null, null, null, 0, 0, 0, KwaliteitOf(false, cells.Voorlopig), cells.Bron)
                : new IndicatorValue(code, aandeelCode, jaar, share.Waarde.Waarde, share.Waarde.Min, share.Waarde.Max,
                    share.Teller, share.Noemer, share.NoemerMin, KwaliteitOf(shareSuppressed, cells.Voorlopig), cells.Bron);
        }
    }

    /// <summary>Suppression outranks provisional: a suppressed value is uncertain whatever its status.</summary>
    private static string KwaliteitOf(bool onderdrukt, bool voorlopig) =>
        onderdrukt ? Kwaliteit.Onderdrukt : voorlopig ? Kwaliteit.Voorlopig : Kwaliteit.Ok;

    /// <summary>
    /// A JOB-monitor theme. With several questions in one theme the value is their respondent-weighted mean and the
    /// noemer the smallest respondent count among them (the most cautious reading for the minimum rule).
    /// </summary>
    private static IEnumerable<IndicatorValue> JobMonitor(IEnumerable<JobMonitorRow> rows, string thema, string code, Func<JobMonitorRow, double?> pick)
    {
        foreach (var g in rows.Where(r => string.Equals(r.Thema.Trim(), thema, StringComparison.OrdinalIgnoreCase))
                     .GroupBy(r => (r.Instellingscode, r.Jaar)).OrderBy(g => g.Key))
        {
            var list = g.ToList();
            var withValue = list.Where(r => pick(r) is not null).ToList();
            double? waarde = null;
            if (withValue.Count == 1) waarde = pick(withValue[0]);
            else if (withValue.Count > 1)
            {
                var weight = withValue.Sum(r => (double)(r.Respondenten ?? 0));
                waarde = weight > 0
                    ? withValue.Sum(r => pick(r)!.Value * (r.Respondenten ?? 0)) / weight
                    : withValue.Average(r => pick(r)!.Value);
            }
            double? noemer = list.Any(r => r.Respondenten is not null) ? list.Where(r => r.Respondenten is not null).Min(r => r.Respondenten!.Value) : null;
            yield return new IndicatorValue(g.Key.Instellingscode, code, g.Key.Jaar, waarde, waarde, waarde,
                Teller: null, Noemer: noemer, NoemerMin: noemer, Kwaliteit.Ok, list[0].Bron);
        }
    }
}
