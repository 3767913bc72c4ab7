using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Tests.Sources;

/// <summary>One resource of a served CKAN package: the listing fields and a tiny body with the real header.</summary>
public sealed record PortalResource(string Id, string Name, string FileName, string Csv, string Format = "CSV", string LastModified = "2026-02-02T10:15:03.221804");

/// <summary>
/// DUO's portal as published on 2026-10-05 (docs: source-formats, "DUO — the real package listings"): the three mbo
/// packages with their real resource names, positions, formats and file names, and tiny bodies with the real headers.
/// Served by WireMock on loopback with ETags, answering a matching If-None-Match with 304. Tests change the listing
/// (a new year, a lost column) and serve it again.
/// </summary>
public sealed class DuoPortal(WireMockServer server)
{
    public const string Studenten = "mbo-studenten-per-instelling";
    public const string Gediplomeerden = "gediplomeerde-mbo-studenten";
    public const string Instroom = "instromende-mbo-studenten";

    public const string StudentenLeerwegName = "Studenten per instelling bevoegd gezag plaats gemeente provincie van de instelling en leerweg";
    public const string SoortenSuffix = "nieuw-instromende-studenten-per-instelling-niveau-leerweg-beroepsopleiding-met-soorten-instroom";
    public const string VooropleidingSuffix = "nieuw-instromende-studenten-per-instelling-hoofdgroep-leerweg-beroepsopleiding-niveau-vooropleiding";

    public const string StudentenHeader = "JAAR,PROVINCIE INSTELLING,BEVOEGD GEZAG NUMMER,INSTELLINGSCODE,INSTELLINGSNAAM,PLAATSNAAM INSTELLING,"
        + "GEMEENTENUMMER INSTELLING,GEMEENTE INSTELLING,BBL,BOLDT,BOLVT,EX";
    public const string SoortenHeader = "JAAR,INSTELLINGSCODE,NIVEAU,LEERWEG,BEROEPSOPLEIDING CODE,BEROEPSOPLEIDING NAAM,WIJZIGING IN INSTELLING,"
        + "LAATSTE JAAR VO,VOOROPLEIDING VO,LAATSTE JAAR MBO,VOOROPLEIDING MBO,INSTROOM VO,INSTROOM MBO,INSTROOM OPLEIDING,AANTAL";
    public const string VooropleidingHeader = "VOOROPLEIDING VO,VOOROPLEIDING MBO,INDICATIE KLEINE OPLEIDING,INSTELLINGSCODE,INSTELLINGSNAAM,"
        + "HOOFDGROEP CODE,HOOFDGROEP NAAM,NIVEAU,LEERWEG,BEROEPSOPLEIDING CODE,BEROEPSOPLEIDING NAAM,TOTAAL MBO,INSTROOM MBO,INSTROOM OPLEIDING";

    private const string Notes = "Aantallen van 1 tot en met 4 zijn vervangen door -1 (voorlopige cijfers 2025).";
    private static readonly string Jaren = string.Join(",", Enumerable.Range(2021, 5).Select(y => $"JAAR_{y}"));

    /// <summary>The listings being served; tests change them and call <see cref="Serve"/> again.</summary>
    public Dictionary<string, List<PortalResource>> Packages { get; } = Listings();

    /// <summary>A fresh copy of the three real listings.</summary>
    public static Dictionary<string, List<PortalResource>> Listings() => new(StringComparer.Ordinal)
    {
        [Studenten] =
        [
            new("stud-0", StudentenLeerwegName,
                "2021-2025-01-studenten-per-instelling-bevoegd-gezag-plaats-gemeente-provincie-van-de-instelling-.csv", StudentenCsv()),
            new("stud-1", "Student per instelling bevoegd gezag plaats gemeente provincie van de instelling en sectorkamer",
                "2021-2025-02-studenten-per-instelling-bevoegd-gezag-plaats-gemeente-provincie-van-de-instelling-.csv",
                "JAAR,PROVINCIE INSTELLING,BEVOEGD GEZAG NUMMER,INSTELLINGSCODE,INSTELLINGSNAAM,PLAATSNAAM INSTELLING,GEMEENTENUMMER INSTELLING,"
                + "GEMEENTE INSTELLING,BOVENSECTORAAL,ENTREE,SECTORKAMER_HANDEL,NIET_GESPECIFICEERD_NAAR_SECTOR\r\n"
                + "2025,\"Utrecht\",\"30153\",\"25LH\",\"ROC Midden Nederland\",\"UTRECHT\",\"0344\",\"UTRECHT\",12,300,-1,0\r\n"),
            new("stud-2", "Studenten per instelling plaats van de instelling sectorkamer leerweg opleiding niveau geslacht",
                "2021-2025-03-studenten-per-instelling-plaats-van-de-instelling-sectorkamer-leerweg-opleiding-niveau-geslacht.csv",
                "INSTELLINGSCODE,INSTELLINGSNAAM,LEERWEG,NIVEAU,ERKENDE OPLEIDING CODE,MAN2021,VROUW2021,MAN2025,VROUW2025\r\n\"25LH\",\"ROC Midden Nederland\",\"BBL\",3,\"25491\",4,-1,7,30\r\n"),
            new("stud-3", "Studenten per instelling bevoegd gezag gemeente instelling leerweg beroepsopleiding verblijfsjaar",
                "2021-2025-08-studenten-per-instelling-bevoegd-gezag-gemeente-instelling-leerweg-beroepsopleiding-verblijfsjaar.csv",
                $"INSTELLINGSCODE,LEERWEG,VERBLIJFSJAAR IN MBO,{Jaren}\r\n\"25LH\",\"BBL\",1,5,6,7,8,9\r\n"),
            new("stud-4", "Studenten per instelling plaats instelling leerweg woongemeente woonprovincie leeftijdscategorie",
                "2021-2025-11-studenten-per-instelling-plaats-instelling-leerweg-woongemeente-woonprovincie-leeftijdscategorie.csv",
                $"INSTELLINGSCODE,WOONPROVINCIE,WOONGEMEENTE,LEEFTIJDSCATEGORIE,LEERWEG,{Jaren}\r\n\"25LH\",\"Utrecht\",\"UTRECHT\",\"18\",\"BOLVT\",5,6,7,8,9\r\n"),
            new("stud-5", "Studenten per instelling bevoegd gezag plaats van de instelling beroepsopleiding woonprovincie",
                "2021-2025-12-studenten-per-instelling-bevoegd-gezag-plaats-van-de-instelling-beroepsopleiding-woonprovincie.csv",
                $"INSTELLINGSCODE,BEROEPSOPLEIDING CODE,BEROEPSOPLEIDING NAAM,LEERWEG,WOONPROVINCIE,{Jaren}\r\n\"25LH\",\"25491\",\"Verzorgende-IG\",\"BBL\",\"Utrecht\",5,6,7,8,9\r\n"),
        ],
        [Gediplomeerden] =
        [
            new("dipl-0", "Gediplomeerden", "2020-2024-gediplomeerden.csv", GediplomeerdenCsv(), LastModified: "2025-02-05T09:41:12.503318"),
        ],
        [Instroom] = [.. Enumerable.Range(2021, 5).SelectMany(InstroomYear)],
    };

    /// <summary>The two resources DUO publishes for one year of inflow (shape B with JAAR, shape A without).</summary>
    public static IEnumerable<PortalResource> InstroomYear(int jaar) =>
    [
        new($"soorten-{jaar}", $"{jaar} {SoortenSuffix}", $"{jaar}-{SoortenSuffix}.csv", SoortenCsv(jaar)),
        new($"vooropleiding-{jaar}", $"{jaar} {VooropleidingSuffix}", $"{jaar}-{VooropleidingSuffix}.csv", VooropleidingCsv(jaar)),
    ];

    public static string StudentenCsv() => "\uFEFF" + StudentenHeader + "\r\n" + string.Concat(Enumerable.Range(2021, 5).Select(y =>
        $"{y},\"Utrecht\",\"30153\",\"25LH\",\"ROC Midden Nederland\",\"UTRECHT\",\"0344\",\"UTRECHT\",6357,80,15899, \r\n"
        + $"{y},\"Zuid-Holland\",\"41419\",\"27GN\",\"Grafisch Lyceum R'dam\",\"ROTTERDAM\",\"0599\",\"ROTTERDAM\",869,-1,3336,-1\r\n"));

    public static string GediplomeerdenCsv() =>
        "\uFEFFINSTELLINGSCODE,INSTELLINGSNAAM,PLAATSNAAM INSTELLING,LEERWEG,NIVEAU,ERKENDE OPLEIDING CODE,ERKENDE OPLEIDING NAAM,SECTORKAMER NAAM,HOOFDGROEP NAAM,"
        + string.Join(",", Enumerable.Range(2021, 5).SelectMany(y => new[] { $"DIPMAN{y}", $"DIPVROUW{y}" })) + "\r\n"
        + "\"25LH\",\"ROC Midden Nederland\",\"UTRECHT\",\"BOLVT\",3,\"25491\",\"Verzorgende-IG\",\"Zorg, welzijn en sport\",\"Zorg en welzijn\",5,17,-1,22,-1,57,-1,44,-1,52\r\n"
        + "\"25LH\",\"ROC Midden Nederland\",\"UTRECHT\",\"OVO\",2,\"25257\",\"Logistiek medewerker\",\"Mobiliteit\",\"Logistiek\",12,44,31,63,16,11,22,61,36,12\r\n";

    public static string SoortenCsv(int jaar) => "\uFEFF" + SoortenHeader + "\r\n"
        + $"{jaar},\"25LH\",3,\"BOL\",\"25491\",\"Verzorgende-IG\",\" \",\"{jaar - 1}\",\"VMBO-KB\",\" \",\" \",\"Directe instroom\",\"N\",\"J\",170\r\n"
        + $"{jaar},\"25LH\",4,\"BBL\",\"25604\",\"Software developer\",\"N\",\" \",\" \",\"<{jaar - 1}\",\"MBO niveau 2\",\"Geen instroom\",\"J\",\"J\",-1\r\n";

    public static string VooropleidingCsv(int jaar) => "\uFEFF" + VooropleidingHeader + "\r\n"
        + $"\"VMBO-KB\",\" \",\"N\",\"25LH\",\"ROC Midden Nederland\",\"10\",\"Zorg en welzijn\",3,\"{(jaar == 2021 ? "BOLDT" : "BOLVT")}\",\"25491\",\"Verzorgende-IG\",{jaar - 1840},40,{jaar - 1880}\r\n"
        + $"\"VMBO-TL\",\" \",\"J\",\"25LH\",\"ROC Midden Nederland\",\"11\",\"ICT\",4,\"BBL\",\"25604\",\"Software developer\",9,-1,5\r\n";

    public string Url => server.Url!;

    public string DownloadPath(string dataset, PortalResource r) => $"/dataset/{dataset}/resource/{r.Id}/download/{r.FileName}";

    /// <summary>(Re)registers every package listing and resource download; resets the server's mappings first.</summary>
    public void Serve()
    {
        server.Reset();
        foreach (var (dataset, resources) in Packages)
        {
            var listing = resources.Select((r, i) => new Dictionary<string, object?>
            {
                ["id"] = r.Id, ["name"] = r.Name, ["format"] = r.Format, ["mimetype"] = "text/csv", ["position"] = i,
                ["url"] = Url + DownloadPath(dataset, r), ["last_modified"] = r.LastModified, ["datastore_active"] = true,
            });
            var body = JsonSerializer.Serialize(new { success = true, result = new { name = dataset, notes = Notes, num_resources = resources.Count, resources = listing } });
            server.Given(Request.Create().WithPath("/api/3/action/package_show").WithParam("id", dataset).UsingGet())
                .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));
            foreach (var r in resources)
            {
                var bytes = Encoding.UTF8.GetBytes(r.Csv);
                var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"";
                server.Given(Request.Create().WithPath(DownloadPath(dataset, r)).WithHeader("If-None-Match", etag).UsingGet()).AtPriority(1)
                    .RespondWith(Response.Create().WithStatusCode(304).WithHeader("ETag", etag));
                server.Given(Request.Create().WithPath(DownloadPath(dataset, r)).UsingGet()).AtPriority(2)
                    .RespondWith(Response.Create().WithHeader("Content-Type", "text/csv").WithHeader("ETag", etag).WithBody(bytes));
            }
        }
    }

    /// <summary>Downloads of each resource path so far, by status code.</summary>
    public int Requests(string dataset, PortalResource r, int status) =>
        server.LogEntries.Count(e => e.RequestMessage.Path == DownloadPath(dataset, r) && Convert.ToInt32(e.ResponseMessage.StatusCode ?? 200, System.Globalization.CultureInfo.InvariantCulture) == status);

    public PortalResource Resource(string dataset, string name) => Packages[dataset].Single(r => r.Name == name);
}
