namespace Pipeline.Core.Tables;

/// <summary>A row of <c>gold/trajecten</c>: where a value stands against the institution's ambition trajectory.</summary>
public sealed class TrajectRow
{
    public string Instellingscode { get; set; } = "";
    public string Indicator { get; set; } = "";
    public int Jaar { get; set; }
    public double? Waarde { get; set; }
    public double Startwaarde { get; set; }
    public double VerwachteWaarde { get; set; }
    public double Streefwaarde2027 { get; set; }
    public double? Achterstand { get; set; }
    public double Tolerantie { get; set; }
    public string Status { get; set; } = "";
    public int Basisjaar { get; set; }

    /// <summary>The values in the column order of <see cref="GoldTables.Trajecten"/>.</summary>
    public object?[] ToValues() =>
        [Instellingscode, Indicator, Jaar, Waarde, Startwaarde, VerwachteWaarde, Streefwaarde2027, Achterstand, Tolerantie, Status, Basisjaar];

    public static TrajectRow FromValues(object?[] v) => new()
    {
        Instellingscode = (string)v[0]!, Indicator = (string)v[1]!, Jaar = (int)v[2]!, Waarde = (double?)v[3],
        Startwaarde = (double)v[4]!, VerwachteWaarde = (double)v[5]!, Streefwaarde2027 = (double)v[6]!, Achterstand = (double?)v[7],
        Tolerantie = (double)v[8]!, Status = (string)v[9]!, Basisjaar = (int)v[10]!,
    };
}
