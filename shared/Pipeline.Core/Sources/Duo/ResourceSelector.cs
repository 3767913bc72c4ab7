using Pipeline.Core.Datasets;

namespace Pipeline.Core.Sources.Duo;

/// <summary>A resource a table's rule selected, with its position and (for per-year rules) its year.</summary>
public sealed record SelectedResource(CkanResource Resource, TableDeclaration Table, int Position, int? Jaar);

/// <summary>What a package's rules selected, and every problem (no match, too many, no year, two for one year).</summary>
public sealed record ResourceSelection(IReadOnlyList<SelectedResource> Selected, IReadOnlyList<(string Table, string Problem)> Problems)
{
    public bool Failed(string table) => Problems.Any(p => p.Table == table);
}

/// <summary>
/// A CKAN package holds several resources (shapes, years, descriptions): each table's rule picks its own. A
/// single-resource rule needs exactly one match; a per-year rule takes every match, one per year (the first word of
/// the name). Every problem names the dataset, the table, the rule and the resources involved.
/// </summary>
public static class ResourceSelector
{
    public static ResourceSelection Select(CkanPackage package, DatasetDeclaration dataset, IReadOnlyList<(TableDeclaration Table, ResourceRule Rule)> rules)
    {
        var listed = package.Resources.Select((r, i) => (Resource: r, Position: r.Position ?? i)).ToList();
        var offered = string.Join(", ", listed.Select(r => $"'{r.Resource.Name}' ({r.Resource.Format}, position {r.Position})"));
        var selected = new List<SelectedResource>();
        var problems = new List<(string, string)>();
        foreach (var (table, rule) in rules)
        {
            var regex = rule.Regex;
            var matches = listed
                .Where(r => regex.IsMatch(r.Resource.Name ?? ""))
                .Where(r => string.IsNullOrEmpty(rule.Format) || string.Equals(r.Resource.Format?.Trim(), rule.Format, StringComparison.OrdinalIgnoreCase))
                .Where(r => rule.Position is null || r.Position == rule.Position)
                .ToList();
            var where = $"package '{dataset.Dataset}', table {table.Name} ({rule})";
            if (matches.Count == 0)
            {
                problems.Add((table.Name, $"no resource of {where} matches; the package has: {(offered.Length == 0 ? "no resources" : offered)}"));
                continue;
            }
            if (!rule.PerYear)
            {
                if (matches.Count > 1)
                    problems.Add((table.Name, $"{matches.Count} resources of {where} match: {string.Join(", ", matches.Select(m => $"'{m.Resource.Name}'"))}; "
                        + $"make Sources:Duo:Datasets:{dataset.Dataset}:Tables:{table.Name}:ResourceName specific"));
                else selected.Add(new SelectedResource(matches[0].Resource, table, matches[0].Position, null));
                continue;
            }
            foreach (var m in matches.Where(m => ResourceYear.TryParse(m.Resource.Name) is null))
                problems.Add((table.Name, $"{where}: {ResourceYear.Problem(dataset.Dataset, m.Resource.Name)}"));
            foreach (var year in matches.Where(m => ResourceYear.TryParse(m.Resource.Name) is not null).GroupBy(m => ResourceYear.TryParse(m.Resource.Name)!.Value))
            {
                if (year.Count() > 1)
                    problems.Add((table.Name, $"{where}: {year.Count()} resources for year {year.Key}, expected one: "
                        + string.Join(", ", year.Select(m => $"'{m.Resource.Name}' (id {m.Resource.Id}, position {m.Position})"))));
                else selected.Add(new SelectedResource(year.First().Resource, table, year.First().Position, year.Key));
            }
        }
        var twice = selected.GroupBy(s => s.Resource.Id).Where(g => g.Count() > 1).ToList();
        foreach (var g in twice)
            foreach (var s in g)
                problems.Add((s.Table.Name, $"resource '{s.Resource.Name}' of package '{dataset.Dataset}' is selected by the rules of "
                    + $"{string.Join(" and ", g.Select(t => t.Table.Name))}; a resource feeds one table"));
        var ambiguous = twice.Select(g => g.Key).ToHashSet();
        return new ResourceSelection(selected.Where(s => !ambiguous.Contains(s.Resource.Id)).ToList(), problems);
    }
}
