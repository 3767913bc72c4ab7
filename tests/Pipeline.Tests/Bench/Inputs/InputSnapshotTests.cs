using System.Text.Json;
using Pipeline.Bench.Inputs;
using Pipeline.Core.Silver;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Bench.Inputs;

/// <summary>
/// The benchmark's real-size inputs stay honest to docs/source-formats.md: every DUO resource listed with its real
/// name, position and header, the row counts and bytes per row of the real files, the CBS pages as the feed returns
/// them. Checked on a tiny scale (1 % of the rows), which has the same shapes.
/// </summary>
[TestClass]
public sealed class InputSnapshotTests
{
    private const string Soorten = "nieuw-instromende-studenten-per-instelling-niveau-leerweg-beroepsopleiding-met-soorten-instroom";
    private const string Vooropleiding = "nieuw-instromende-studenten-per-instelling-hoofdgroep-leerweg-beroepsopleiding-niveau-vooropleiding";
    private static readonly int[] Years = [2021, 2022, 2023, 2024, 2025];

    /// <summary>The package listings of source-formats.md, in listing order.</summary>
    private static readonly Dictionary<string, string[]> DocumentedNames = new()
    {
        ["mbo-studenten-per-instelling"] =
        [
            "Studenten per instelling bevoegd gezag plaats gemeente provincie van de instelling en leerweg",
            "Student per instelling bevoegd gezag plaats gemeente provincie van de instelling en sectorkamer",
            "Studenten per instelling plaats van de instelling sectorkamer leerweg opleiding niveau geslacht",
            "Studenten per instelling bevoegd gezag gemeente instelling leerweg beroepsopleiding verblijfsjaar",
            "Studenten per instelling plaats instelling leerweg woongemeente woonprovincie leeftijdscategorie",
            "Studenten per instelling bevoegd gezag plaats van de instelling beroepsopleiding woonprovincie",
        ],
        ["gediplomeerde-mbo-studenten"] = ["Gediplomeerden"],
        ["instromende-mbo-studenten"] = Years.SelectMany(y => new[] { $"{y} {Soorten}", $"{y} {Vooropleiding}" }).ToArray(),
    };

    private static InputSnapshot _snapshot = null!;
    private static TempDirectory _dir = null!;

    [ClassInitialize]
    public static void Generate(TestContext _)
    {
        _dir = new TempDirectory();
        _snapshot = InputSnapshot.Write(_dir.Path, 0.01);
    }

    [ClassCleanup]
    public static void Remove() => _dir.Dispose();

    private static string HeaderOf(string relative)
    {
        // Not detecting the BOM, so it stays in the line and the test sees it.
        using var reader = new StreamReader(Path.Combine(_snapshot.Root, relative), new System.Text.UTF8Encoding(false),
            detectEncodingFromByteOrderMarks: false);
        return reader.ReadLine()!;
    }

    private static JsonElement[] Listing(string dataset)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_snapshot.Root, "duo", dataset + ".package_show.json")));
        return doc.RootElement.GetProperty("result").GetProperty("resources").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static string FileOf(JsonElement resource, string dataset) =>
        Path.Combine("duo", dataset, new Uri(resource.GetProperty("url").GetString()!).Segments[^1]);

    [TestMethod]
    public void Package_listings_have_the_documented_resource_names_in_order_with_the_provisional_year_note()
    {
        foreach (var (dataset, names) in DocumentedNames)
        {
            var resources = Listing(dataset);
            CollectionAssert.AreEqual(names, resources.Select(r => r.GetProperty("name").GetString()).ToArray(), dataset);
            CollectionAssert.AreEqual(Enumerable.Range(0, names.Length).ToArray(), resources.Select(r => r.GetProperty("position").GetInt32()).ToArray());
            foreach (var r in resources)
                Assert.IsTrue(File.Exists(Path.Combine(_snapshot.Root, FileOf(r, dataset))), $"{dataset}: {r.GetProperty("name")}");
        }
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_snapshot.Root, "duo", "gediplomeerde-mbo-studenten.package_show.json")));
        StringAssert.Contains(doc.RootElement.GetProperty("result").GetProperty("notes").GetString(), "(voorlopige cijfers 2025)");
        Assert.AreEqual("2020-2024-gediplomeerden.csv", FileOf(Listing("gediplomeerde-mbo-studenten")[0], "").Split('/', '\\')[^1],
            "the file name's years are not the columns' years");
    }

    [TestMethod]
    public void Files_the_pipeline_reads_have_the_headers_silver_expects_with_a_bom()
    {
        var studenten = Listing("mbo-studenten-per-instelling");
        Assert.AreEqual("\uFEFF" + string.Join(',', SilverSchemas.StudentenPerInstelling.ExpectedHeaders),
            HeaderOf(FileOf(studenten[0], "mbo-studenten-per-instelling")));
        var dip = Years.SelectMany(y => new[] { $"DIPMAN{y}", $"DIPVROUW{y}" });
        Assert.AreEqual("\uFEFF" + string.Join(',', SilverSchemas.Gediplomeerden.ExpectedHeaders.Concat(dip)),
            HeaderOf(FileOf(Listing("gediplomeerde-mbo-studenten")[0], "gediplomeerde-mbo-studenten")));
        var instroom = Listing("instromende-mbo-studenten");
        for (var i = 0; i < instroom.Length; i++)
        {
            var expected = i % 2 == 0 ? SilverSchemas.Instroom.ExpectedHeaders : SilverSchemas.InstroomVooropleiding.ExpectedHeaders;
            Assert.AreEqual("\uFEFF" + string.Join(',', expected), HeaderOf(FileOf(instroom[i], "instromende-mbo-studenten")));
        }
    }

    [TestMethod]
    public void Other_studenten_resources_have_their_documented_header_shapes()
    {
        var files = Listing("mbo-studenten-per-instelling").Select(r => HeaderOf(FileOf(r, "mbo-studenten-per-instelling")).TrimStart('\uFEFF')).ToArray();
        var lead = "JAAR,PROVINCIE INSTELLING,BEVOEGD GEZAG NUMMER,INSTELLINGSCODE,INSTELLINGSNAAM,PLAATSNAAM INSTELLING,GEMEENTENUMMER INSTELLING,GEMEENTE INSTELLING,";
        var jaren = string.Join(',', Years.Select(y => $"JAAR_{y}"));
        StringAssert.StartsWith(files[1], lead + "BOVENSECTORAAL,ENTREE,SECTORKAMER_HANDEL,");
        StringAssert.EndsWith(files[1], ",NIET_GESPECIFICEERD_NAAR_SECTOR");
        StringAssert.StartsWith(files[2], "INSTELLINGSCODE,");
        StringAssert.Contains(files[2], ",LEERWEG,NIVEAU,ERKENDE OPLEIDING CODE,");
        StringAssert.EndsWith(files[2], "," + string.Join(',', Years.Select(y => $"MAN{y},VROUW{y}")));
        StringAssert.EndsWith(files[3], ",LEERWEG,VERBLIJFSJAAR IN MBO," + jaren);
        StringAssert.EndsWith(files[4], ",WOONPROVINCIE,WOONGEMEENTE,LEEFTIJDSCATEGORIE,LEERWEG," + jaren);
        StringAssert.EndsWith(files[5], ",BEROEPSOPLEIDING CODE,BEROEPSOPLEIDING NAAM,LEERWEG,WOONPROVINCIE," + jaren);
    }

    [TestMethod]
    public void Row_counts_scale_the_documented_ones_and_bytes_per_row_match_the_documented_sizes()
    {
        foreach (var f in _snapshot.Files.Where(f => f.RealRows is not null))
        {
            var perInstitutionAndYear = f.RealRows == 275;
            var expected = perInstitutionAndYear ? Institution.RealCount * Years.Length : Math.Round(f.RealRows!.Value * 0.01);
            Assert.AreEqual(expected, f.Rows, f.Path);
            if (f.RealBytes is not { } realBytes) continue;
            var real = (double)realBytes / f.RealRows!.Value;
            var generated = (double)f.Bytes / f.Rows;
            Assert.IsTrue(Math.Abs(generated - real) / real < 0.25, $"{f.Path}: {generated:0} bytes per row, the real file {real:0}");
        }
        Assert.AreEqual(17, _snapshot.Files.Count(f => f.Resource is not null), "6 + 1 + 10 DUO resources");
    }

    [TestMethod]
    public void Cbs_tables_are_odata_v3_pages_linked_by_next_link_with_the_codes_the_pipeline_selects()
    {
        foreach (var table in CbsTables.At(0.01))
        {
            var dir = Path.Combine(_snapshot.Root, "cbs", table.Id);
            long rows = 0;
            var page = "TypedDataSet.json";
            while (true)
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, page)));
                rows += doc.RootElement.GetProperty("value").GetArrayLength();
                if (!doc.RootElement.TryGetProperty("odata.nextLink", out var next)) break;
                var link = next.GetString()!;
                StringAssert.StartsWith(link, $"{CbsTables.PortalBase}/ODataFeed/odata/{table.Id}/TypedDataSet?$format=json&$skip=");
                page = $"TypedDataSet.skip{link[(link.LastIndexOf('=') + 1)..]}.json";
            }
            Assert.AreEqual(table.Rows, rows, table.Id);
            using var api = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "ODataApi.json")));
            var sets = api.RootElement.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToList();
            CollectionAssert.IsSubsetOf(new[] { "TableInfos", "UntypedDataSet", "TypedDataSet", "DataProperties", "CategoryGroups", "Perioden" }, sets);
        }
        var codes = File.ReadAllText(Path.Combine(_snapshot.Root, "cbs", "85368NED", "Onderwijssoort.json"));
        foreach (var code in new[] { "\"A025290\"", "\"T001336\"", "\"A041868 \"" }) StringAssert.Contains(codes, code);
    }
}
