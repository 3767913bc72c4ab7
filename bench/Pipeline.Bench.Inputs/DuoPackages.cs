using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Pipeline.Bench.Inputs;

/// <summary>
/// The three DUO CKAN packages as the portal lists them (source-formats.md, "the real package listings"): every
/// resource with its real name, position, file name, header and row count. Writes <c>duo/{dataset}.package_show.json</c>
/// and <c>duo/{dataset}/{file}</c>, the layout of <c>samples/</c>; resource urls point at the portal, as the real listing's do.
/// </summary>
public static class DuoPackages
{
    public const string PortalBase = "https://onderwijsdata.duo.nl";
    public const string Studenten = "mbo-studenten-per-instelling";
    public const string Gediplomeerden = "gediplomeerde-mbo-studenten";
    public const string Instroom = "instromende-mbo-studenten";
    public const string InstroomSoorten = "nieuw-instromende-studenten-per-instelling-niveau-leerweg-beroepsopleiding-met-soorten-instroom";
    public const string InstroomVooropleiding = "nieuw-instromende-studenten-per-instelling-hoofdgroep-leerweg-beroepsopleiding-niveau-vooropleiding";

    public static readonly IReadOnlyList<string> StudentenLead =
        ["JAAR", "PROVINCIE INSTELLING", "BEVOEGD GEZAG NUMMER", "INSTELLINGSCODE", "INSTELLINGSNAAM", "PLAATSNAAM INSTELLING",
         "GEMEENTENUMMER INSTELLING", "GEMEENTE INSTELLING"];
    public static readonly IReadOnlyList<string> Sectorkamers =
        ["BOVENSECTORAAL", "ENTREE", "SECTORKAMER_HANDEL", "SECTORKAMER_ICT_EN_CREATIEVE_INDUSTRIE",
         "SECTORKAMER_MOBILITEIT_TRANSPORT_LOGISTIEK_EN_MARITIEM", "SECTORKAMER_SPECIALISTISCH_VAKMANSCHAP",
         "SECTORKAMER_TECHNIEK_EN_GEBOUWDE_OMGEVING", "SECTORKAMER_VOEDSEL_GROEN_EN_GASTVRIJHEID",
         "SECTORKAMER_ZORG_WELZIJN_EN_SPORT", "SECTORKAMER_AMBACHT_LABORATORIUM_EN_GEZONDHEIDSTECHNIEK", "NIET_GESPECIFICEERD_NAAR_SECTOR"];
    private static readonly string[] Lead3 = ["INSTELLINGSCODE", "INSTELLINGSNAAM", "PLAATSNAAM INSTELLING"];
    private static readonly string[] JaarColumns = DuoRows.Years.Select(y => $"JAAR_{y}").ToArray();

    private static readonly Dictionary<string, (string Title, string LastModified)> Packages = new()
    {
        [Studenten] = ("Aantal studenten per mbo-instelling", "2026-02-02T10:15:03.221804"),
        [Gediplomeerden] = ("Gediplomeerde mbo-studenten", "2025-02-05T09:41:12.503318"),
        [Instroom] = ("Instromende mbo-studenten", "2026-02-02T10:22:47.118230"),
    };

    /// <summary>Every resource of the three packages, in listing order.</summary>
    public static IReadOnlyList<DuoResource> Resources { get; } = Declare();

    private static List<DuoResource> Declare()
    {
        const string tail = "studenten-per-instelling-bevoegd-gezag-plaats-gemeente-provincie-van-de-instelling-.csv";
        var list = new List<DuoResource>
        {
            new(Studenten, "Studenten per instelling bevoegd gezag plaats gemeente provincie van de instelling en leerweg",
                $"2021-2025-01-{tail}", [.. StudentenLead, "BBL", "BOLDT", "BOLVT", "EX"], 275, (c, r, d) => d.StudentenLeerweg(c, r))
                { PerInstitutionAndYear = true },
            new(Studenten, "Student per instelling bevoegd gezag plaats gemeente provincie van de instelling en sectorkamer",
                $"2021-2025-02-{tail}", [.. StudentenLead, .. Sectorkamers], 275, (c, r, d) => d.StudentenSectorkamer(c, r))
                { PerInstitutionAndYear = true },
            new(Studenten, "Studenten per instelling plaats van de instelling sectorkamer leerweg opleiding niveau geslacht",
                "2021-2025-03-studenten-per-instelling-plaats-van-de-instelling-sectorkamer-leerweg-opleiding-niveau-geslacht.csv",
                [.. Lead3, "SECTORKAMER NAAM", "LEERWEG", "NIVEAU", "ERKENDE OPLEIDING CODE", "ERKENDE OPLEIDING NAAM",
                 .. DuoRows.Years.SelectMany(y => new[] { $"MAN{y}", $"VROUW{y}" })], 20_410, (c, r, d) => d.StudentenGeslacht(c, r)),
            new(Studenten, "Studenten per instelling bevoegd gezag gemeente instelling leerweg beroepsopleiding verblijfsjaar",
                "2021-2025-08-studenten-per-instelling-bevoegd-gezag-gemeente-instelling-leerweg-beroepsopleiding-verblijfsjaar.csv",
                [.. Lead3, "LEERWEG", "VERBLIJFSJAAR IN MBO", .. JaarColumns], 40_440, (c, r, d) => d.StudentenVerblijfsjaar(c, r)),
            new(Studenten, "Studenten per instelling plaats instelling leerweg woongemeente woonprovincie leeftijdscategorie",
                "2021-2025-11-studenten-per-instelling-plaats-instelling-leerweg-woongemeente-woonprovincie-leeftijdscategorie.csv",
                [.. Lead3, "WOONPROVINCIE", "WOONGEMEENTE", "LEEFTIJDSCATEGORIE", "LEERWEG", .. JaarColumns], 76_259,
                (c, r, d) => d.StudentenWoongemeente(c, r)),
            new(Studenten, "Studenten per instelling bevoegd gezag plaats van de instelling beroepsopleiding woonprovincie",
                "2021-2025-12-studenten-per-instelling-bevoegd-gezag-plaats-van-de-instelling-beroepsopleiding-woonprovincie.csv",
                [.. Lead3, "BEROEPSOPLEIDING CODE", "BEROEPSOPLEIDING NAAM", "LEERWEG", "WOONPROVINCIE", .. JaarColumns], 24_506,
                (c, r, d) => d.StudentenWoonprovincie(c, r)),
            new(Gediplomeerden, "Gediplomeerden", "2020-2024-gediplomeerden.csv",
                [.. Lead3, "LEERWEG", "NIVEAU", "ERKENDE OPLEIDING CODE", "ERKENDE OPLEIDING NAAM", "SECTORKAMER NAAM", "HOOFDGROEP NAAM",
                 .. DuoRows.Years.SelectMany(y => new[] { $"DIPMAN{y}", $"DIPVROUW{y}" })], 18_491, (c, r, d) => d.Gediplomeerden(c, r))
                { RealBytes = 3_100_000 },
        };
        foreach (var year in DuoRows.Years)
        {
            list.Add(new(Instroom, $"{year} {InstroomSoorten}", $"{year}-{InstroomSoorten}.csv",
                ["JAAR", "INSTELLINGSCODE", "NIVEAU", "LEERWEG", "BEROEPSOPLEIDING CODE", "BEROEPSOPLEIDING NAAM", "WIJZIGING IN INSTELLING",
                 "LAATSTE JAAR VO", "VOOROPLEIDING VO", "LAATSTE JAAR MBO", "VOOROPLEIDING MBO", "INSTROOM VO", "INSTROOM MBO",
                 "INSTROOM OPLEIDING", "AANTAL"], 105_000, (c, r, d) => d.InstroomSoorten(c, r, year)) { RealBytes = 18_000_000 });
            list.Add(new(Instroom, $"{year} {InstroomVooropleiding}", $"{year}-{InstroomVooropleiding}.csv",
                ["VOOROPLEIDING VO", "VOOROPLEIDING MBO", "INDICATIE KLEINE OPLEIDING", "INSTELLINGSCODE", "INSTELLINGSNAAM", "HOOFDGROEP CODE",
                 "HOOFDGROEP NAAM", "NIVEAU", "LEERWEG", "BEROEPSOPLEIDING CODE", "BEROEPSOPLEIDING NAAM", "TOTAAL MBO", "INSTROOM MBO",
                 "INSTROOM OPLEIDING"], 55_000, (c, r, d) => d.InstroomVooropleiding(c, r, year)) { RealBytes = 9_800_000 });
        }
        return list;
    }

    public static List<GeneratedFile> Write(string root, double scale, IReadOnlyList<Institution> institutions)
    {
        var files = new List<GeneratedFile>();
        var rows = new DuoRows(institutions, seed: 20261005);
        foreach (var (dataset, (title, modified)) in Packages)
        {
            var packageId = StableId(dataset);
            var listed = new List<object>();
            var resources = Resources.Where(r => r.Dataset == dataset).ToList();
            for (var position = 0; position < resources.Count; position++)
            {
                var resource = resources[position];
                var path = Path.Combine("duo", dataset, resource.FileName);
                var count = resource.RowsAt(scale, institutions.Count);
                using (var csv = new CsvFile(Path.Combine(root, path), resource.Header))
                {
                    for (long r = 0; r < count; r++) resource.WriteRow(csv, r, rows);
                    files.Add(new GeneratedFile(path, resource.Name, csv.Rows, csv.Bytes, resource.RealRows, resource.RealBytes));
                }
                var resourceId = StableId(dataset + "/" + resource.Name);
                listed.Add(new Dictionary<string, object>
                {
                    ["id"] = resourceId, ["package_id"] = packageId, ["name"] = resource.Name, ["format"] = "CSV", ["mimetype"] = "text/csv",
                    ["url"] = $"{PortalBase}/dataset/{packageId}/resource/{resourceId}/download/{resource.FileName}",
                    ["datastore_active"] = true, ["last_modified"] = modified, ["position"] = position,
                });
            }
            var listing = Path.Combine("duo", dataset + ".package_show.json");
            var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["help"] = $"{PortalBase}/api/3/action/help_show?name=package_show",
                ["success"] = true,
                ["result"] = new Dictionary<string, object>
                {
                    ["id"] = packageId, ["name"] = dataset, ["title"] = title, ["type"] = "dataset", ["license_id"] = "cc-by",
                    ["notes"] = $"{title} per jaar, 2021 tot en met 2025. Aantallen van 1 tot en met 4 zijn vervangen door -1. "
                        + "De cijfers over 2025 zijn voorlopig (voorlopige cijfers 2025). BENCHMARK DATA, geen echte cijfers.",
                    ["metadata_modified"] = modified, ["num_resources"] = listed.Count, ["resources"] = listed,
                },
            }, new JsonSerializerOptions { WriteIndented = true });
            File.WriteAllBytes(Path.Combine(root, listing), json);
            files.Add(new GeneratedFile(listing, null, listed.Count, json.Length));
        }
        return files;
    }

    /// <summary>A CKAN-style id that stays the same from one generation to the next (conditional GETs depend on stable urls).</summary>
    private static string StableId(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name))[..16];
        bytes[6] = (byte)(bytes[6] & 0x0F | 0x40);
        bytes[8] = (byte)(bytes[8] & 0x3F | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }
}
