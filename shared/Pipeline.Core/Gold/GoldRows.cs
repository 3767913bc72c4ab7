using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;
using Pipeline.Core.Alerts;

namespace Pipeline.Core.Gold;

// Parquet row shapes of the gold tables (column names = JsonPropertyName, which Parquet.Net honours). Mutable classes
// with parameterless constructors because the serializer needs them; the domain keeps immutable records.
// `jaar` is the partition (gold/{tabel}/jaar=YYYY/): it is in the path only, so the serializer skips it and
// GoldTableIo sets it from the path when reading.

/// <summary>A gold row partitioned by <c>jaar</c>.</summary>
public interface IYearPartitionedRow
{
    int Jaar { get; set; }
}

/// <summary><c>gold/indicatoren</c>.</summary>
public sealed class IndicatorRow : IYearPartitionedRow
{
    [JsonPropertyName("instellingscode")] public string Instellingscode { get; set; } = "";
    [JsonPropertyName("indicator")] public string Indicator { get; set; } = "";
    [JsonPropertyName("jaar"), ParquetIgnore] public int Jaar { get; set; }
    [JsonPropertyName("waarde")] public double? Waarde { get; set; }
    [JsonPropertyName("waarde_min")] public double? WaardeMin { get; set; }
    [JsonPropertyName("waarde_max")] public double? WaardeMax { get; set; }
    [JsonPropertyName("teller")] public double? Teller { get; set; }
    [JsonPropertyName("noemer")] public double? Noemer { get; set; }
    [JsonPropertyName("noemer_min")] public double? NoemerMin { get; set; }
    [JsonPropertyName("kwaliteit")] public string Kwaliteit { get; set; } = "";
    [JsonPropertyName("bron")] public string Bron { get; set; } = "";
    [JsonPropertyName("bron_opgehaald")] public string? BronOpgehaald { get; set; }

    public static IndicatorRow From(IndicatorValue v) => new()
    {
        Instellingscode = v.Instellingscode, Indicator = v.Indicator, Jaar = v.Jaar, Waarde = v.Waarde, WaardeMin = v.WaardeMin,
        WaardeMax = v.WaardeMax, Teller = v.Teller, Noemer = v.Noemer, NoemerMin = v.NoemerMin, Kwaliteit = v.Kwaliteit,
        Bron = v.Bron.Label, BronOpgehaald = Date(v.Bron.Opgehaald),
    };

    internal static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary><c>gold/trajecten</c>.</summary>
public sealed class TrajectRow : IYearPartitionedRow
{
    [JsonPropertyName("instellingscode")] public string Instellingscode { get; set; } = "";
    [JsonPropertyName("indicator")] public string Indicator { get; set; } = "";
    [JsonPropertyName("jaar"), ParquetIgnore] public int Jaar { get; set; }
    [JsonPropertyName("waarde")] public double? Waarde { get; set; }
    [JsonPropertyName("startwaarde")] public double Startwaarde { get; set; }
    [JsonPropertyName("verwachte_waarde")] public double VerwachteWaarde { get; set; }
    [JsonPropertyName("streefwaarde_2027")] public double Streefwaarde2027 { get; set; }
    [JsonPropertyName("achterstand")] public double? Achterstand { get; set; }
    [JsonPropertyName("tolerantie")] public double Tolerantie { get; set; }
    [JsonPropertyName("status")] public string Status { get; set; } = "";
    [JsonPropertyName("basisjaar")] public int Basisjaar { get; set; }

    public static TrajectRow From(TrajectoryPoint p) => new()
    {
        Instellingscode = p.Instellingscode, Indicator = p.Indicator, Jaar = p.Jaar, Waarde = p.Waarde, Startwaarde = p.Startwaarde,
        VerwachteWaarde = p.VerwachteWaarde, Streefwaarde2027 = p.Streefwaarde2027, Achterstand = p.Achterstand,
        Tolerantie = p.Tolerantie, Status = p.Status, Basisjaar = p.Ambition.Basisjaar,
    };
}

/// <summary><c>gold/alerts</c>: the current alerts (all of them, delivered or not; delivery state is in <c>_state/alerts</c>).</summary>
public sealed class AlertRow : IYearPartitionedRow
{
    [JsonPropertyName("alert_id")] public string AlertId { get; set; } = "";
    [JsonPropertyName("instellingscode")] public string Instellingscode { get; set; } = "";
    [JsonPropertyName("instellingsnaam")] public string Instellingsnaam { get; set; } = "";
    [JsonPropertyName("indicator")] public string Indicator { get; set; } = "";
    [JsonPropertyName("jaar"), ParquetIgnore] public int Jaar { get; set; }
    [JsonPropertyName("status")] public string Status { get; set; } = "";
    [JsonPropertyName("ernst")] public string Ernst { get; set; } = "";
    [JsonPropertyName("waarde")] public double? Waarde { get; set; }
    [JsonPropertyName("verwachte_waarde")] public double VerwachteWaarde { get; set; }
    [JsonPropertyName("streefwaarde_2027")] public double Streefwaarde2027 { get; set; }
    [JsonPropertyName("achterstand")] public double? Achterstand { get; set; }
    [JsonPropertyName("bron")] public string Bron { get; set; } = "";
    [JsonPropertyName("bron_opgehaald")] public string? BronOpgehaald { get; set; }
    [JsonPropertyName("titel")] public string Titel { get; set; } = "";
    [JsonPropertyName("tekst")] public string Tekst { get; set; } = "";

    public static AlertRow From(Alert a) => new()
    {
        AlertId = a.AlertId, Instellingscode = a.Instellingscode, Instellingsnaam = a.Instellingsnaam, Indicator = a.Indicator,
        Jaar = a.Jaar, Status = a.Status, Ernst = a.Ernst, Waarde = a.Waarde, VerwachteWaarde = a.VerwachteWaarde,
        Streefwaarde2027 = a.Streefwaarde2027, Achterstand = a.Achterstand, Bron = a.Bron,
        BronOpgehaald = IndicatorRow.Date(a.BronOpgehaald), Titel = a.Titel, Tekst = a.Tekst,
    };
}
