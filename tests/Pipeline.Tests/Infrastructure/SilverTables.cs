using System.Text.Json.Serialization;
using Parquet.Serialization;
using Parquet.Serialization.Attributes;
using Pipeline.Core.Lake;

namespace Pipeline.Tests.Infrastructure;

/// <summary>
/// Writes silver partitions in the silver contract's shape, for gold tests that run on real Parquet files: <c>jaar</c> is
/// in the <c>jaar=YYYY</c> folder only, as silver writes it.
/// </summary>
public static class SilverTables
{
    public sealed class Studenten
    {
        [JsonPropertyName("jaar"), ParquetIgnore] public int Jaar { get; set; }
        [JsonPropertyName("instellingscode")] public string Instellingscode { get; set; } = "";
        [JsonPropertyName("instellingsnaam")] public string Instellingsnaam { get; set; } = "";
        [JsonPropertyName("bevoegd_gezag_nummer")] public string BevoegdGezagNummer { get; set; } = "";
        [JsonPropertyName("provincie")] public string Provincie { get; set; } = "";
        [JsonPropertyName("plaatsnaam")] public string Plaatsnaam { get; set; } = "";
        [JsonPropertyName("gemeentenummer")] public string Gemeentenummer { get; set; } = "";
        [JsonPropertyName("gemeente")] public string Gemeente { get; set; } = "";
        [JsonPropertyName("leerweg")] public string Leerweg { get; set; } = "";
        [JsonPropertyName("aantal")] public int? Aantal { get; set; }
        [JsonPropertyName("onderdrukt")] public bool Onderdrukt { get; set; }
        [JsonPropertyName("voorlopig")] public bool Voorlopig { get; set; }
    }

    /// <summary>One institution-year in long form: BBL, BOLDT, BOLVT, EX (null = suppressed).</summary>
    public static IEnumerable<Studenten> Year(int jaar, string code, string naam, int? bbl, int? boldt, int? bolvt, int? ex) =>
        new[] { ("BBL", bbl), ("BOLDT", boldt), ("BOLVT", bolvt), ("EX", ex) }.Select(x => new Studenten
        {
            Jaar = jaar, Instellingscode = code, Instellingsnaam = naam, Leerweg = x.Item1, Aantal = x.Item2, Onderdrukt = x.Item2 is null,
        });

    public static async Task WriteStudentenAsync(ILakeStore lake, IEnumerable<Studenten> rows, string rawSha256 = "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12")
    {
        foreach (var g in rows.GroupBy(r => r.Jaar))
        {
            using var ms = new MemoryStream();
            await ParquetSerializer.SerializeAsync(g.ToList(), ms, null,
                new Dictionary<string, string> { ["schema_version"] = "1", ["raw_sha256"] = rawSha256, ["run_id"] = "test" });
            ms.Position = 0;
            await lake.WriteAsync(LakePath.Parse($"silver/mbo_studenten_per_instelling/jaar={g.Key}/part-0.parquet"), ms);
        }
    }

    /// <summary>A row of <c>silver/cbs_85368ned</c> in the real table's dimensions (codes trimmed, as silver keeps them).</summary>
    public sealed class Cbs85368
    {
        [JsonPropertyName("jaar"), ParquetIgnore] public int Jaar { get; set; }
        [JsonPropertyName("periode_type")] public string PeriodeType { get; set; } = "JJ";
        [JsonPropertyName("periode")] public string Periode { get; set; } = "";
        [JsonPropertyName("onderwijssoort")] public string Onderwijssoort { get; set; } = "";
        [JsonPropertyName("onderwijssoort_titel")] public string OnderwijssoortTitel { get; set; } = "";
        [JsonPropertyName("geslacht")] public string Geslacht { get; set; } = "T001038";
        [JsonPropertyName("geslacht_titel")] public string GeslachtTitel { get; set; } = "Totaal mannen en vrouwen";
        [JsonPropertyName("herkomst")] public string Herkomst { get; set; } = "T001040";
        [JsonPropertyName("herkomst_titel")] public string HerkomstTitel { get; set; } = "Totaal";
        [JsonPropertyName("voortijdige_schoolverlaters_2")] public double? VoortijdigeSchoolverlaters { get; set; }
    }

    public static Cbs85368 Vsv(int jaar, string onderwijssoort, string titel, double? vsv) => new()
    {
        Jaar = jaar, Periode = $"{jaar}JJ00", Onderwijssoort = onderwijssoort, OnderwijssoortTitel = titel, VoortijdigeSchoolverlaters = vsv,
    };

    public static async Task WriteCbs85368Async(ILakeStore lake, IEnumerable<Cbs85368> rows, string rawSha256 = "cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34")
    {
        foreach (var g in rows.GroupBy(r => r.Jaar))
        {
            using var ms = new MemoryStream();
            await ParquetSerializer.SerializeAsync(g.ToList(), ms, null,
                new Dictionary<string, string> { ["schema_version"] = "1", ["raw_sha256"] = rawSha256, ["run_id"] = "test" });
            ms.Position = 0;
            await lake.WriteAsync(LakePath.Parse($"silver/cbs_85368ned/jaar={g.Key}/part-0.parquet"), ms);
        }
    }
}
