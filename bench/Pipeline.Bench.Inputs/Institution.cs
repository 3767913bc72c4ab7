namespace Pipeline.Bench.Inputs;

/// <summary>An mbo institution as DUO lists it (short name, upper-case place, municipality number with leading zeros).</summary>
public sealed record Institution(string Code, string Name, string Plaats, string Provincie, string Gemeentenummer, string Gemeente, string BevoegdGezag)
{
    /// <summary>The real number of institution codes in the DUO files (source-formats.md).</summary>
    public const int RealCount = 55;

    private static readonly (string Plaats, string Provincie, string Gemeentenummer)[] Places =
    [
        ("UTRECHT", "Utrecht", "0344"), ("'S-GRAVENHAGE", "Zuid-Holland", "0518"), ("ROTTERDAM", "Zuid-Holland", "0599"),
        ("AMSTERDAM", "Noord-Holland", "0363"), ("GRONINGEN", "Groningen", "0014"), ("EINDHOVEN", "Noord-Brabant", "0772"),
        ("HENGELO", "Overijssel", "0164"), ("ZWOLLE", "Overijssel", "0193"), ("LEEUWARDEN", "Friesland", "0080"),
        ("ROERMOND", "Limburg", "0957"), ("VLISSINGEN", "Zeeland", "0718"), ("HARDERWIJK", "Gelderland", "0243"),
    ];

    /// <summary>
    /// <paramref name="count"/> institutions with valid, distinct DUO codes (two digits, two capitals). Names carry the
    /// portal's quirks: a comma, an apostrophe, and two codes sharing one name.
    /// </summary>
    public static IReadOnlyList<Institution> Generate(int count)
    {
        if (count is < 1 or > 60_840) throw new ArgumentOutOfRangeException(nameof(count));
        var list = new List<Institution>(count);
        for (var i = 0; i < count; i++)
        {
            var code = $"{10 + i / 676}{(char)('A' + i / 26 % 26)}{(char)('A' + i % 26)}";
            var (plaats, provincie, gemeentenummer) = Places[i % Places.Length];
            var name = (i % 11) switch
            {
                1 => $"Hout- en Meubileringscollege {i}, Rotterdam",
                2 => $"Grafisch Lyceum R'dam {i}",
                _ => $"ROC {i} {Title(plaats)}",
            };
            if (i == 4) name = list[3].Name; // two codes share a name, as in the real files
            var bevoegdGezag = (30000 + i).ToString("00000", System.Globalization.CultureInfo.InvariantCulture);
            list.Add(new Institution(code, name, plaats, provincie, gemeentenummer, plaats, bevoegdGezag));
        }
        return list;
    }

    private static string Title(string upper) => upper[..1] + upper[1..].ToLowerInvariant();
}
