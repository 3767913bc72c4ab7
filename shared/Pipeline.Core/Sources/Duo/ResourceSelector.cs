using System.Text.RegularExpressions;

namespace Pipeline.Core.Sources.Duo;

/// <summary>
/// A CKAN package holds several resources (the data, a description, older years…): exactly one must match the
/// configured name pattern and format. None or several is an error that lists what the package offers.
/// </summary>
public static class ResourceSelector
{
    public static CkanResource Select(CkanPackage package, string dataset, DuoDatasetOptions options, out string? problem)
    {
        var pattern = new Regex(options.ResourceName, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var matches = package.Resources
            .Where(r => pattern.IsMatch(r.Name ?? ""))
            .Where(r => string.IsNullOrEmpty(options.Format) || string.Equals(r.Format?.Trim(), options.Format, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var offered = string.Join(", ", package.Resources.Select(r => $"'{r.Name}' ({r.Format})"));
        problem = matches.Count switch
        {
            0 => $"no resource of package '{dataset}' matches name pattern '{options.ResourceName}' and format '{options.Format}'; the package has: {(offered.Length == 0 ? "no resources" : offered)}",
            > 1 => $"{matches.Count} resources of package '{dataset}' match name pattern '{options.ResourceName}' and format '{options.Format}': " +
                   $"{string.Join(", ", matches.Select(r => $"'{r.Name}'"))}; make Sources:Duo:Datasets:{dataset}:ResourceName specific",
            _ => null,
        };
        return problem is null ? matches[0] : new CkanResource();
    }
}
