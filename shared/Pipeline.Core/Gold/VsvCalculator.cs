using Pipeline.Core.Tables;
using Pipeline.Core.Indicators;
using Pipeline.Core.Datasets;
using Pipeline.Core.Sources;

namespace Pipeline.Core.Gold;

/// <summary>
/// <c>vsv_landelijk</c> from CBS 85368NED: per year the yearly (JJ) row whose dimension codes are exactly the configured
/// ones (<see cref="CbsRowSelection"/>, codes compared trimmed), and of it the configured topic. Titles are never
/// looked at. A configured code that is not in the table's code list, a dimension without a configured code, a missing
/// topic, or a year without the row is a warning and no value; a <c>null</c> in the row (not published yet) is no value.
/// </summary>
public static class VsvCalculator
{
    public static IReadOnlyList<IndicatorValue> Compute(IReadOnlyList<CbsRow> rows, string table, CbsRowSelection selection,
        List<IndicatorWarning> warnings)
    {
        var values = new List<IndicatorValue>();
        if (rows.Count == 0) return values; // no data from this table at all: the bronze and silver stages report why
        var key = $"{SourceCatalog.Section}:Cbs:Tables:{table}";
        void Warn(string text) => warnings.Add(new IndicatorWarning(selection.Indicator, $"{selection.Indicator}: {text}"));

        var dimensions = rows.SelectMany(r => r.Dimensies.Keys).Distinct(StringComparer.Ordinal)
            .Where(k => rows.Any(r => r.Dimensies.ContainsKey(k + "_titel"))).Order(StringComparer.Ordinal).ToList();
        var configured = selection.Codes.ToDictionary(kv => CbsRowSelection.Column(kv.Key), kv => (Dimension: kv.Key, Code: kv.Value.Trim()));
        var usable = true;
        foreach (var (column, (dimension, code)) in configured)
        {
            if (!dimensions.Contains(column))
            {
                Warn($"CBS {table} has no dimension {dimension} ({key}:Rows:{dimension}); its dimensions: {string.Join(", ", dimensions)}; no value.");
                usable = false;
                continue;
            }
            var codes = rows.Select(r => r.Dimensies.GetValueOrDefault(column)?.Trim()).OfType<string>().ToHashSet(StringComparer.Ordinal);
            if (!codes.Contains(code))
            {
                Warn($"code {code} ({key}:Rows:{dimension}) is not in the code list of {dimension} in CBS {table} " +
                     $"({codes.Count} codes: {string.Join(", ", codes.Order(StringComparer.Ordinal).Take(20))}{(codes.Count > 20 ? ", …" : "")}); no value.");
                usable = false;
            }
        }
        foreach (var column in dimensions.Where(c => !configured.ContainsKey(c)))
        {
            Warn($"dimension {column} of CBS {table} has no configured code ({key}:Rows:<dimension>); rows are chosen by code on every dimension; no value.");
            usable = false;
        }
        if (!rows.Any(r => r.Onderwerpen.ContainsKey(selection.TopicColumn)))
        {
            Warn($"CBS {table} has no topic {selection.Topic} ({key}:Topic; silver column {selection.TopicColumn}); no value.");
            usable = false;
        }
        if (!usable) return values;

        foreach (var g in rows.Where(r => r.PeriodeType == "JJ").GroupBy(r => r.Jaar).OrderBy(g => g.Key))
        {
            var matches = g.Where(r => configured.All(kv => r.Dimensies.GetValueOrDefault(kv.Key)?.Trim() == kv.Value.Code)).ToList();
            if (matches.Count == 0)
            {
                Warn($"{g.Key}: CBS {table} has no yearly row with {selection.Describe()}; no value.");
                continue;
            }
            var distinct = matches.Select(r => r.Onderwerpen.GetValueOrDefault(selection.TopicColumn)).Distinct().ToList();
            if (distinct.Count > 1)
            {
                Warn($"{g.Key}: {matches.Count} rows of CBS {table} have {selection.Describe()} with different values " +
                     $"({string.Join(", ", distinct.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"))}); no value.");
                continue;
            }
            if (distinct[0] is not { } v) continue; // CBS sends null for a figure not yet published
            values.Add(new IndicatorValue(IndicatorCatalog.Landelijk, selection.Indicator, g.Key, v, v, v,
                Teller: v, Noemer: null, NoemerMin: null, Kwaliteit.Ok, matches[0].Bron));
        }
        return values;
    }
}
