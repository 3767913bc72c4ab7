using System.Globalization;
using System.Text.Json;

namespace Pipeline.Bench.Inputs;

/// <summary>
/// The CBS tables the pipeline reads, written in the layout of <c>samples/cbs/</c>: <c>ODataApi.json</c> (the service
/// document), <c>TableInfos.json</c> (the table's <c>Modified</c>), <c>DataProperties.json</c>, one code list per
/// dimension, and <c>TypedDataSet[.skipN].json</c>, pages of
/// <see cref="PageSize"/> rows linked by <c>odata.nextLink</c> as the ODataFeed returns them.
/// </summary>
/// <remarks>
/// source-formats.md gives the shapes but no row counts for these tables; the sizes here are assumptions (85368NED: 20
/// education types × 3 sexes × 10 origins × 15 years = 9,000 rows; 85696NED: 40 levels × 3 routes × 15 years = 1,800).
/// Scaling multiplies the made-up codes (origins, levels); the codes the pipeline selects (A025290, T001038, T001040)
/// are always there.
/// </remarks>
public static class CbsTables
{
    public const string PortalBase = "https://opendata.cbs.nl";
    public const int PageSize = 10_000;
    /// <summary>TableInfos <c>Modified</c> of every generated table (CBS's format: local time, no zone).</summary>
    public const string Modified = "2024-03-15T02:00:00";
    private static readonly string[] FixedSets = ["TableInfos", "UntypedDataSet", "TypedDataSet", "DataProperties", "CategoryGroups"];

    public static IReadOnlyList<CbsTable> At(double scale)
    {
        var perioden = Enumerable.Range(2011, 15).Select(y => ($"{y}JJ00", y.ToString(CultureInfo.InvariantCulture))).ToList();
        (string, string)[] soorten =
        [
            ("T001336", "Totaal onderwijssoorten"), ("A025262 ", "Totaal voortgezet onderwijs"), ("A025264 ", "Vmbo"),
            ("A025266 ", "Vmbo basisberoepsgerichte leerweg"), ("A025268 ", "Vmbo kaderberoepsgerichte leerweg"),
            ("A025270 ", "Vmbo gemengde/theoretische leerweg"), ("A025272 ", "Havo"), ("A025274 ", "Vwo"),
            ("A025276 ", "Vo onderbouw"), ("A025278 ", "Praktijkonderwijs"), ("A025280 ", "Voortgezet speciaal onderwijs"),
            ("A025290", "Totaal mbo (incl. extranei)"), ("A042649", "Mbo-entreeopleiding"), ("A042655", "Mbo niveau 2"),
            ("A042661", "Mbo niveau 3"), ("A042667", "Mbo niveau 4"), ("A041868 ", "Bol totaal"), ("A025293 ", "Bbl totaal"),
            ("A041773", "Extranei"), ("A025292 ", "Totaal middelbaar beroepsonderwijs"),
        ];
        var herkomst = new List<(string, string)> { ("T001040", "Totaal") };
        var origins = Math.Max(2, (int)Math.Round(10 * scale));
        for (var i = 1; i < origins; i++) herkomst.Add(($"A{43600 + i:000000} ", $"Herkomstgroep {i}"));
        var vsv = new CbsTable("85368NED", "Voortijdig schoolverlaters; geslacht, onderwijssoort en herkomst",
            [
                new("Geslacht", "Dimension", [("T001038", "Totaal mannen en vrouwen"), ("3000   ", "Mannen"), ("4000   ", "Vrouwen")]),
                new("Onderwijssoort", "Dimension", soorten), new("Herkomst", "Dimension", herkomst),
                new("Perioden", "TimeDimension", perioden),
            ],
            [
                new("Deelnemers_1", "Deelnemers", "Long", "aantal"), new("VoortijdigeSchoolverlaters_2", "Voortijdig schoolverlaters", "Long", "aantal"),
                new("VoortijdigeSchoolverlaters_3", "Voortijdig schoolverlaters (%)", "Double", "%"),
            ]);
        var levels = Math.Max(2, (int)Math.Round(40 * scale));
        var niveaus = Enumerable.Range(0, levels)
            .Select(i => i == 0 ? ("T001072", "Totaal mbo") : ($"MBO{i:0000}  ", $"Mbo niveau {1 + i % 4}, opleidingsrichting {i}")).ToList();
        var uitstroom = new CbsTable("85696NED", "Mbo-uitstromers; arbeidsmarktpositie",
            [
                new("Opleidingsniveau", "Dimension", niveaus),
                new("Leerweg", "Dimension", [("T001093", "Totaal"), ("BOL  ", "Beroepsopleidende leerweg"), ("BBL  ", "Beroepsbegeleidende leerweg")]),
                new("Perioden", "TimeDimension", perioden),
            ],
            [
                new("Uitstromers_1", "Uitstromers", "Long", "aantal"), new("Werkzaam_2", "Werkzaam", "Long", "aantal"),
                new("WerkzaamPercentage_3", "Werkzaam (%)", "Double", "%"), new("Werkloos_4", "Werkloos", "Long", "aantal"),
                new("InOpleiding_5", "In opleiding", "Long", "aantal"),
            ]);
        return [vsv, uitstroom];
    }

    public static List<GeneratedFile> Write(string root, double scale)
    {
        var files = new List<GeneratedFile>();
        foreach (var table in At(scale))
        {
            var dir = Path.Combine("cbs", table.Id);
            var api = $"{PortalBase}/ODataApi/odata/{table.Id}";
            files.Add(Json(root, Path.Combine(dir, "ODataApi.json"), 0, w =>
            {
                w.WriteString("odata.metadata", $"{api}/$metadata");
                w.WriteStartArray("value");
                foreach (var set in FixedSets.Concat(table.Dimensions.Select(d => d.Key)))
                {
                    w.WriteStartObject();
                    w.WriteString("name", set);
                    w.WriteString("url", $"{api}/{set}");
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }));
            files.Add(Json(root, Path.Combine(dir, "TableInfos.json"), 1, w =>
            {
                // The real item's fields; Modified is what the client compares before reading any page.
                w.WriteString("odata.metadata", $"{api}/$metadata#Cbs.OData.WebAPI.TableInfos");
                w.WriteStartArray("value");
                w.WriteStartObject();
                w.WriteNumber("ID", 1);
                w.WriteString("Title", table.Title);
                w.WriteString("ShortTitle", table.Title.Split(';')[0]);
                w.WriteString("Identifier", table.Id);
                w.WriteString("Summary", $"{table.Title} (benchmark)");
                w.WriteString("Modified", Modified);
                w.WriteString("ReasonDelivery", "Actualisering");
                w.WriteString("Language", "nl");
                w.WriteString("Catalog", "CBS");
                w.WriteString("Frequency", "Perjaar");
                w.WriteString("OutputStatus", "Regulier");
                w.WriteString("Source", "CBS.");
                w.WriteString("MetaDataModified", Modified);
                w.WriteEndObject();
                w.WriteEndArray();
            }));
            files.Add(Json(root, Path.Combine(dir, "DataProperties.json"), table.Dimensions.Count + table.Topics.Count, w =>
            {
                w.WriteString("odata.metadata", $"{api}/$metadata#Cbs.OData.WebAPI.DataProperties");
                w.WriteStartArray("value");
                var id = 0;
                foreach (var d in table.Dimensions) Property(w, id++, d.Type, d.Key, d.Key, null, null);
                foreach (var t in table.Topics) Property(w, id++, "Topic", t.Key, t.Title, t.Datatype, t.Unit);
                w.WriteEndArray();
            }));
            foreach (var d in table.Dimensions)
                files.Add(Json(root, Path.Combine(dir, d.Key + ".json"), d.Codes.Count, w =>
                {
                    w.WriteString("odata.metadata", $"{api}/$metadata#Cbs.OData.WebAPI.{d.Key}");
                    w.WriteStartArray("value");
                    foreach (var (key, title) in d.Codes)
                    {
                        w.WriteStartObject();
                        w.WriteString("Key", key);
                        w.WriteString("Title", title);
                        w.WriteNull("Description");
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }));
            files.AddRange(Pages(root, dir, table));
        }
        return files;
    }

    private static IEnumerable<GeneratedFile> Pages(string root, string dir, CbsTable table)
    {
        var feed = $"{PortalBase}/ODataFeed/odata/{table.Id}";
        var rnd = new Random(int.Parse(table.Id[..5], CultureInfo.InvariantCulture));
        var total = table.Rows;
        for (long start = 0; start < total; start += PageSize)
        {
            var end = Math.Min(total, start + PageSize);
            var name = Path.Combine(dir, start == 0 ? "TypedDataSet.json" : $"TypedDataSet.skip{start}.json");
            yield return Json(root, name, end - start, w =>
            {
                w.WriteString("odata.metadata", $"{feed}/$metadata#Cbs.OData.WebAPI.TypedDataSet");
                w.WriteStartArray("value");
                for (var row = start; row < end; row++) Row(w, table, row, rnd);
                w.WriteEndArray();
                if (end < total) w.WriteString("odata.nextLink", $"{feed}/TypedDataSet?$format=json&$skip={end}");
            });
        }
    }

    /// <summary>Row <paramref name="row"/> is the mixed-radix combination of the dimension codes; the newest year has nulls.</summary>
    private static void Row(Utf8JsonWriter w, CbsTable table, long row, Random rnd)
    {
        w.WriteStartObject();
        w.WriteNumber("ID", row);
        var rest = row;
        var newest = false;
        for (var d = table.Dimensions.Count - 1; d >= 0; d--)
        {
            var codes = table.Dimensions[d].Codes;
            var code = codes[(int)(rest % codes.Count)].Key;
            rest /= codes.Count;
            newest |= code == "2025JJ00";
            w.WriteString(table.Dimensions[d].Key, code);
        }
        foreach (var t in table.Topics)
        {
            if (newest && t.Key.EndsWith("_3", StringComparison.Ordinal)) w.WriteNull(t.Key);
            else if (t.Datatype == "Double") w.WriteNumber(t.Key, Math.Round(rnd.NextDouble() * 100, 1));
            else w.WriteNumber(t.Key, rnd.Next(0, 40_000));
        }
        w.WriteEndObject();
    }

    private static void Property(Utf8JsonWriter w, int id, string type, string key, string title, string? datatype, string? unit)
    {
        w.WriteStartObject();
        w.WriteString("odata.type", $"Cbs.OData.{type}");
        w.WriteNumber("ID", id);
        w.WriteNumber("Position", id);
        w.WriteNull("ParentID");
        w.WriteString("Type", type);
        w.WriteString("Key", key);
        w.WriteString("Title", title);
        w.WriteString("Description", $"{title} (benchmark)");
        if (datatype is not null)
        {
            w.WriteString("Datatype", datatype);
            w.WriteString("Unit", unit);
            w.WriteNumber("Decimals", datatype == "Double" ? 1 : 0);
            w.WriteString("Default", "Impossible");
        }
        w.WriteEndObject();
    }

    private static GeneratedFile Json(string root, string path, long rows, Action<Utf8JsonWriter> body)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using (var file = File.Create(full))
        using (var w = new Utf8JsonWriter(file))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return new GeneratedFile(path, null, rows, new FileInfo(full).Length);
    }
}
