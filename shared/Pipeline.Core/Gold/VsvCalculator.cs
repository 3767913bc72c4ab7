namespace Pipeline.Core.Gold;

/// <summary>
/// <c>vsv_landelijk</c> from CBS 85368NED. The table's exact dimension keys are not fixed in the silver contract, so
/// the mbo total row is found by meaning: a yearly row (JJ) where one dimension's title names mbo as a whole
/// ("mbo", "mbo totaal", "middelbaar beroepsonderwijs") and every other dimension is at its total (CBS total codes
/// start with <c>T00</c>, or the title starts with "Totaal"). The topic is the first, in name order, whose name
/// mentions voortijdig/vsv/schoolverlater. Several differing candidate rows in one year give no value and a warning.
/// </summary>
public static class VsvCalculator
{
    public static IEnumerable<IndicatorValue> Compute(IEnumerable<CbsRow> rows, List<string> warnings)
    {
        foreach (var g in rows.Where(r => r.PeriodeType == "JJ").GroupBy(r => r.Jaar).OrderBy(g => g.Key))
        {
            var candidates = g.Where(IsMboTotalRow)
                .Select(r => (Row: r, Value: Topic(r)))
                .Where(c => c.Value.HasValue)
                .ToList();
            if (candidates.Count == 0) continue;
            var distinct = candidates.Select(c => c.Value!.Value).Distinct().ToList();
            if (distinct.Count > 1)
            {
                warnings.Add($"vsv_landelijk {g.Key}: {candidates.Count} rows of {candidates[0].Row.Bron.Dataset} look like the mbo total " +
                             $"with different values ({string.Join(", ", distinct)}); no value computed.");
                continue;
            }
            var v = distinct[0];
            yield return new IndicatorValue(IndicatorCatalog.Landelijk, IndicatorCatalog.VsvLandelijk, g.Key, v, v, v,
                Teller: v, Noemer: null, NoemerMin: null, Kwaliteit.Ok, candidates[0].Row.Bron);
        }
    }

    public static bool IsMboTitle(string title)
    {
        var t = title.Trim().ToLowerInvariant();
        return t is "mbo" or "mbo totaal" or "mbo, totaal" or "totaal mbo" or "mbo (totaal)" or "middelbaar beroepsonderwijs"
            or "middelbaar beroepsonderwijs (mbo)" or "mbo-totaal";
    }

    private static bool IsMboTotalRow(CbsRow r)
    {
        var titles = r.Dimensies.Where(kv => kv.Key.EndsWith("_titel", StringComparison.Ordinal)).ToList();
        var mbo = titles.Where(kv => IsMboTitle(kv.Value)).Select(kv => kv.Key[..^"_titel".Length]).ToList();
        if (mbo.Count != 1) return false;
        foreach (var (key, code) in r.Dimensies)
        {
            if (key.EndsWith("_titel", StringComparison.Ordinal) || key == mbo[0]) continue;
            var title = r.Dimensies.GetValueOrDefault(key + "_titel") ?? "";
            if (!code.Trim().StartsWith("T00", StringComparison.Ordinal) && !title.TrimStart().StartsWith("Totaal", StringComparison.OrdinalIgnoreCase))
                return false;
        }
        return true;
    }

    private static double? Topic(CbsRow r)
    {
        foreach (var key in r.Onderwerpen.Keys.Order(StringComparer.Ordinal))
        {
            var k = key.ToLowerInvariant();
            if (k.Contains("voortijdig") || k.Contains("vsv") || k.Contains("schoolverlater"))
                return r.Onderwerpen[key];
        }
        return null;
    }
}
