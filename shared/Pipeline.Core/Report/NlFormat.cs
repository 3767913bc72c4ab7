using Pipeline.Core.Indicators;
using System.Globalization;
using System.Net;
using Pipeline.Core.Gold;

namespace Pipeline.Core.Report;

/// <summary>
/// Dutch number and date notation (comma decimal, dot thousands; fixed here rather than taken from ICU's nl-NL, so
/// the output is the same on every machine) and HTML escaping of every value that comes from data.
/// </summary>
public static class NlFormat
{
    public static readonly CultureInfo Culture = Create();

    private static CultureInfo Create()
    {
        var c = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        c.NumberFormat.NumberDecimalSeparator = ",";
        c.NumberFormat.NumberGroupSeparator = ".";
        c.NumberFormat.NegativeSign = "−";
        return CultureInfo.ReadOnly(c);
    }

    /// <summary>A value in its indicator's unit: counts without decimals, shares and marks with one.</summary>
    public static string Getal(double? value, string eenheid) => value is { } v ? v.ToString(eenheid == "aantal" ? "N0" : "N1", Culture) : "–";

    /// <summary>A value with its unit, for text: <c>23,4 %</c>, <c>1.250</c>, <c>6,8</c>.</summary>
    public static string MetEenheid(double? value, string eenheid) =>
        value is null ? "geen waarde" : eenheid == "%" ? Getal(value, eenheid) + " %" : Getal(value, eenheid);

    /// <summary>A gap on the trajectory, signed: <c>+1,5</c> ahead, <c>−2,0</c> behind.</summary>
    public static string Achterstand(double? value, string eenheid) =>
        value is { } v ? (v > 0 ? "+" : "") + Getal(v, eenheid) : "–";

    /// <summary>A difference between two values (a tolerance): shares in procentpunt.</summary>
    public static string Verschil(double value, string eenheid) => Getal(value, eenheid) + (eenheid == "%" ? " procentpunt" : "");

    /// <summary>A suppression range, with one more decimal when the usual precision would show the same number twice.</summary>
    public static string Bereik(double min, double max, string eenheid)
    {
        var (a, b) = (Getal(min, eenheid), Getal(max, eenheid));
        return a != b ? $"{a} – {b}" : $"{min.ToString("N2", Culture)} – {max.ToString("N2", Culture)}";
    }

    public static string Datum(DateTimeOffset? d) => d is { } x ? x.UtcDateTime.ToString("d-M-yyyy", CultureInfo.InvariantCulture) : "onbekend";

    public static string DatumTijd(DateTimeOffset d) => d.UtcDateTime.ToString("d-M-yyyy HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Eenheid(string indicator) => IndicatorCatalog.Find(indicator)?.Eenheid ?? "";

    /// <summary>HTML-escapes text for element content and quoted attribute values.</summary>
    public static string H(string? text) => WebUtility.HtmlEncode(text ?? "");
}
