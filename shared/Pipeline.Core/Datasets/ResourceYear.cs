using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Core.Datasets;

/// <summary>
/// The year of a per-year resource, taken from the first word of its name
/// (<c>2023 nieuw-instromende-studenten-per-instelling-…</c>). A name without a year there is an error, never a guess.
/// </summary>
public static partial class ResourceYear
{
    [GeneratedRegex(@"^\s*(?<jaar>\d{4})(\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex FirstWord();

    public static int? TryParse(string? name)
    {
        var m = FirstWord().Match(name ?? "");
        if (!m.Success) return null;
        var year = int.Parse(m.Groups["jaar"].Value, CultureInfo.InvariantCulture);
        return year is >= 1990 and <= 2100 ? year : null;
    }

    /// <summary>Why a per-year resource cannot be used: it names the resource and the dataset.</summary>
    public static string Problem(string dataset, string? name) =>
        $"resource '{name}' of dataset '{dataset}' has no year as the first word of its name; the rule takes one resource per year "
        + "and the year is taken from the name only (e.g. '2025 nieuw-instromende-…'), never guessed";
}
