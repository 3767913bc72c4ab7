using System.Text.RegularExpressions;

namespace Pipeline.Core.Datasets;

/// <summary>
/// Which resources of a CKAN package feed one silver table: a name pattern (regular expression on the resource
/// <c>name</c>, never on the URL: DUO's file names share their tails), the format, optionally the position in the
/// package, and whether the table takes one resource per year (the year is then the first word of the name).
/// </summary>
public sealed record ResourceRule
{
    public required string NamePattern { get; init; }
    public string Format { get; init; } = "CSV";
    public int? Position { get; init; }
    /// <summary>Every matching resource is taken, one per year; otherwise exactly one must match.</summary>
    public bool PerYear { get; init; }

    public Regex Regex => new(NamePattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public override string ToString() =>
        $"name pattern '{NamePattern}', format '{Format}'" + (Position is { } p ? $", position {p}" : "") + (PerYear ? ", one per year" : "");
}
