namespace Pipeline.Core.Tables;

/// <summary>A row of <c>gold/indicatoren</c>: one indicator value per institution and year.</summary>
public sealed class IndicatorRow
{
    public string Instellingscode { get; set; } = "";
    public string Indicator { get; set; } = "";
    public int Jaar { get; set; }
    public double? Waarde { get; set; }
    public double? WaardeMin { get; set; }
    public double? WaardeMax { get; set; }
    public double? Teller { get; set; }
    public double? Noemer { get; set; }
    public double? NoemerMin { get; set; }
    public string Kwaliteit { get; set; } = "";
    /// <summary><c>&lt;bron&gt;/&lt;dataset&gt;@sha256:&lt;raw sha256&gt;</c> (see <see cref="SourceLabel"/>).</summary>
    public string Bron { get; set; } = "";
    /// <summary>The day the raw file was fetched, <c>yyyy-MM-dd</c>.</summary>
    public string? BronOpgehaald { get; set; }

    /// <summary>The values in the column order of <see cref="GoldTables.Indicatoren"/>.</summary>
    public object?[] ToValues() =>
        [Instellingscode, Indicator, Jaar, Waarde, WaardeMin, WaardeMax, Teller, Noemer, NoemerMin, Kwaliteit, Bron, BronOpgehaald];

    public static IndicatorRow FromValues(object?[] v) => new()
    {
        Instellingscode = (string)v[0]!, Indicator = (string)v[1]!, Jaar = (int)v[2]!, Waarde = (double?)v[3], WaardeMin = (double?)v[4],
        WaardeMax = (double?)v[5], Teller = (double?)v[6], Noemer = (double?)v[7], NoemerMin = (double?)v[8], Kwaliteit = (string)v[9]!,
        Bron = (string)v[10]!, BronOpgehaald = (string?)v[11],
    };

    public static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
