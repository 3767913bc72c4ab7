using Pipeline.Core.Tables;
using Pipeline.Core.Indicators;
using Pipeline.Core.Datasets;

namespace Pipeline.Core.Gold;

/// <summary>Indicator formulas as pure functions of silver rows (one value per instelling, indicator and jaar).</summary>
public static class IndicatorCalculator
{
    public sealed record Result(IReadOnlyList<IndicatorValue> Values, IReadOnlyList<IndicatorWarning> Warnings);

    /// <param name="cbsRows">The rows and topics read from CBS tables, by table id (the declared ones when null).</param>
    public static Result Compute(SilverData silver, IReadOnlyDictionary<string, CbsRowSelection>? cbsRows = null)
    {
        var warnings = new List<IndicatorWarning>();
        var values = new List<IndicatorValue>();
        values.AddRange(FromCounts(silver.Studenten.Select(r => new CountRow(r.Instellingscode, r.Jaar, r.Leerweg, r.Aantal, r.Onderdrukt, r.Voorlopig, r.Bron)),
            IndicatorCatalog.StudentenTotaal, IndicatorCatalog.AandeelBbl, rest: [LeerwegGroep.Bol]));
        values.AddRange(FromCounts(silver.Gediplomeerden.Select(r => new CountRow(r.Instellingscode, r.Jaar, r.Leerweg, r.Aantal, r.Onderdrukt, r.Voorlopig, r.Bron)),
            IndicatorCatalog.GediplomeerdenTotaal, IndicatorCatalog.AandeelGediplomeerdenBbl, rest: null));
        values.AddRange(FromCounts(silver.Instroom.Select(r => new CountRow(r.Instellingscode, r.Jaar, r.Leerweg, r.Aantal, r.Onderdrukt, r.Voorlopig, r.Bron)),
            IndicatorCatalog.InstroomTotaal, IndicatorCatalog.AandeelInstroomBbl, rest: null));
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

    private sealed record CountRow(string Instellingscode, int Jaar, string Leerweg, int? Aantal, bool Onderdrukt, bool Voorlopig, SilverSource Bron)
    {
        public Cell Cell => new(Aantal, Onderdrukt);
    }

    /// <summary>
    /// A total over all rows and the BBL share. <paramref name="rest"/> names the route groups in the share's denominator
    /// besides BBL (null: every other route) — students exclude EX from it, diplomas and inflow do not. DUO's codes
    /// (BOL, BOLDT, BOLVT, …) are grouped by <see cref="LeerwegGroepen.Of"/>.
    /// </summary>
    private static IEnumerable<IndicatorValue> FromCounts(IEnumerable<CountRow> rows, string totaalCode, string aandeelCode, LeerwegGroep[]? rest)
    {
        foreach (var g in rows.GroupBy(r => (r.Instellingscode, r.Jaar)).OrderBy(g => g.Key))
        {
            var list = g.ToList();
            var bron = list[0].Bron;
            var voorlopig = list.Any(r => r.Voorlopig);
            var total = SuppressedArithmetic.Sum(list.Select(r => r.Cell));
            yield return new IndicatorValue(g.Key.Instellingscode, totaalCode, g.Key.Jaar, total.Waarde, total.Min, total.Max,
                Teller: total.Waarde, Noemer: null, NoemerMin: null, KwaliteitOf(list.Any(r => r.Onderdrukt), voorlopig), bron);

            var bbl = list.Where(r => IsBbl(r.Leerweg)).Select(r => r.Cell);
            var others = list.Where(r => !IsBbl(r.Leerweg) && (rest is null || rest.Contains(LeerwegGroepen.Of(r.Leerweg)))).ToList();
            var share = SuppressedArithmetic.Share(bbl, others.Select(r => r.Cell));
            var shareSuppressed = list.Where(r => IsBbl(r.Leerweg)).Concat(others).Any(r => r.Onderdrukt);
            yield return share is null
                ? new IndicatorValue(g.Key.Instellingscode, aandeelCode, g.Key.Jaar, null, null, null, 0, 0, 0, KwaliteitOf(false, voorlopig), bron)
                : new IndicatorValue(g.Key.Instellingscode, aandeelCode, g.Key.Jaar, share.Waarde.Waarde, share.Waarde.Min, share.Waarde.Max,
                    share.Teller, share.Noemer, share.NoemerMin, KwaliteitOf(shareSuppressed, voorlopig), bron);
        }
    }

    private static bool IsBbl(string leerweg) => LeerwegGroepen.Of(leerweg) == LeerwegGroep.Bbl;

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
