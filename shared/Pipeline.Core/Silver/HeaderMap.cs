using System.Text.RegularExpressions;

namespace Pipeline.Core.Silver;

/// <summary>
/// The source header checked against a schema: every expected column present, nothing unexpected, no duplicates.
/// A renamed column shows up as one missing and one unexpected column, and both are named in the error.
/// </summary>
public sealed class HeaderMap
{
    private readonly Dictionary<string, int> _index;

    private HeaderMap(Dictionary<string, int> index, IReadOnlyList<(int Index, string Header, Match Match)> patterned)
    {
        _index = index;
        Patterned = patterned;
    }

    /// <summary>Columns matched by one of the schema's header patterns, in file order, with the match (for the year).</summary>
    public IReadOnlyList<(int Index, string Header, Match Match)> Patterned { get; }

    public int this[string header] => _index[header];

    public static HeaderMap Validate(string file, IReadOnlyList<string> header, DatasetSchema schema)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var patterns = schema.HeaderPatterns.Select(p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)).ToList();
        var patterned = new List<(int, string, Match)>();
        var unexpected = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var h = header[i].Trim();
            if (h.Length == 0) throw new SchemaDriftException(file, $"#{i + 1}", "empty column name in the header");
            if (index.ContainsKey(h) || patterned.Any(p => string.Equals(p.Item2, h, StringComparison.OrdinalIgnoreCase)))
                throw new SchemaDriftException(file, h, "the column appears twice in the header");
            if (schema.ExpectedHeaders.Contains(h, StringComparer.OrdinalIgnoreCase)) { index[h] = i; continue; }
            var match = patterns.Select(p => p.Match(h)).FirstOrDefault(m => m.Success);
            if (match is not null) patterned.Add((i, h, match));
            else unexpected.Add(h);
        }
        var missing = schema.ExpectedHeaders.Where(h => !index.ContainsKey(h)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
        {
            var column = missing.Count > 0 ? missing[0] : unexpected[0];
            var parts = new List<string>();
            if (missing.Count > 0) parts.Add($"expected column(s) missing: {string.Join(", ", missing.Select(Quote))}");
            if (unexpected.Count > 0) parts.Add($"unexpected column(s): {string.Join(", ", unexpected.Select(Quote))}");
            if (missing.Count > 0 && unexpected.Count > 0) parts.Add("the header changed (a column was renamed?)");
            throw new SchemaDriftException(file, column, string.Join("; ", parts) + $" (schema {schema.TableName} v{schema.Version})");
        }
        if (patterns.Count > 0 && patterned.Count == 0)
            throw new SchemaDriftException(file, schema.HeaderPatterns[0], "no columns match the expected repeating pattern");
        return new HeaderMap(index, patterned);
    }

    private static string Quote(string s) => $"'{s}'";
}
