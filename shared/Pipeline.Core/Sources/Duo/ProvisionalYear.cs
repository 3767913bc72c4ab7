using System.Text.RegularExpressions;

namespace Pipeline.Core.Sources.Duo;

/// <summary>
/// DUO marks the newest year as provisional only in the package notes, as text like <c>(voorlopige cijfers 2025)</c>.
/// </summary>
public static partial class ProvisionalYear
{
    [GeneratedRegex(@"\(?\s*voorlopige\s+cijfers\s+(?:van\s+|voor\s+)?(?:het\s+jaar\s+)?(\d{4})\s*\)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Note();

    /// <summary>The note as written and its year; the latest year when the notes mention several.</summary>
    public static (string Note, int Year)? Parse(string? notes)
    {
        if (string.IsNullOrEmpty(notes)) return null;
        (string, int)? best = null;
        foreach (Match m in Note().Matches(notes))
        {
            var year = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (best is null || year > best.Value.Item2) best = (m.Value.Trim(), year);
        }
        return best;
    }
}
