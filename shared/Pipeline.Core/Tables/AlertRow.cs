namespace Pipeline.Core.Tables;

/// <summary>
/// A row of <c>gold/alerts</c>: a current alert, for the newest measurement year of its institution and indicator
/// (delivered or not; delivery state is in <c>_state/alerts</c>).
/// </summary>
public sealed class AlertRow
{
    public string AlertId { get; set; } = "";
    public string Instellingscode { get; set; } = "";
    public string Instellingsnaam { get; set; } = "";
    public string Indicator { get; set; } = "";
    public int Jaar { get; set; }
    public string Status { get; set; } = "";
    public string Ernst { get; set; } = "";
    public double? Waarde { get; set; }
    public double VerwachteWaarde { get; set; }
    public double Streefwaarde2027 { get; set; }
    public double? Achterstand { get; set; }
    public string Bron { get; set; } = "";
    public string? BronOpgehaald { get; set; }
    public string Titel { get; set; } = "";
    public string Tekst { get; set; } = "";

    /// <summary>The values in the column order of <see cref="GoldTables.Alerts"/>.</summary>
    public object?[] ToValues() =>
    [
        AlertId, Instellingscode, Instellingsnaam, Indicator, Jaar, Status, Ernst, Waarde, VerwachteWaarde, Streefwaarde2027, Achterstand,
        Bron, BronOpgehaald, Titel, Tekst,
    ];

    public static AlertRow FromValues(object?[] v) => new()
    {
        AlertId = (string)v[0]!, Instellingscode = (string)v[1]!, Instellingsnaam = (string)v[2]!, Indicator = (string)v[3]!, Jaar = (int)v[4]!,
        Status = (string)v[5]!, Ernst = (string)v[6]!, Waarde = (double?)v[7], VerwachteWaarde = (double)v[8]!, Streefwaarde2027 = (double)v[9]!,
        Achterstand = (double?)v[10], Bron = (string)v[11]!, BronOpgehaald = (string?)v[12], Titel = (string)v[13]!, Tekst = (string)v[14]!,
    };
}
