using Pipeline.Core.Lake.Tables;
using static Pipeline.Core.Lake.Tables.TableColumn;

namespace Pipeline.Core.Silver;

/// <summary>
/// The columns of every silver table, defined once: the data dictionary in <c>docs/lake.md</c> is generated from here
/// and a test keeps the two equal. Which dataset and resources feed a table is declared in <see cref="Datasets.DatasetCatalog"/>.
/// </summary>
public static class SilverSchemas
{
    public static readonly IReadOnlyList<string> DuoLeerwegen = ["BBL", "BOLDT", "BOLVT", "EX"];
    public static readonly IReadOnlyList<string> DiplomaLeerwegen = ["BBL", "BOLDT", "BOLVT", "EX", "OVO"];
    /// <summary>The "met soorten instroom" files say <c>BOL</c>; silver keeps DUO's code (gold maps it, see <c>Gold/LeerwegGroepen</c>).</summary>
    public static readonly IReadOnlyList<string> InstroomLeerwegen = ["BBL", "BOL", "BOLDT", "BOLVT", "EX"];
    public static readonly IReadOnlyList<string> Niveaus = ["1", "2", "3", "4"];

    private static SilverColumn C(TableColumn column, string source) => new(column, source);

    private static readonly SilverColumn Jaar = C(Int("jaar", "Year of the DUO count on 1 October (2025 = school year 2025/26)."), "JAAR");
    private static readonly SilverColumn Instellingscode = C(Str("instellingscode", "Institution code (BRIN, 4 characters), trimmed.", nullable: false), "INSTELLINGSCODE");
    private static readonly SilverColumn Aantal = C(Int("aantal", "Count of students; null when DUO suppressed it (1–4).", nullable: true), "count cell; `-1` or `<5` → null");
    private static readonly SilverColumn Onderdrukt = C(Bool("onderdrukt", "True when DUO suppressed a small count (`-1` in the portal, `<5` in legacy files)."), "derived");
    private static readonly SilverColumn Voorlopig = C(Bool("voorlopig", "True for the year DUO announces as provisional (`voorlopige cijfers YYYY`)."), "raw sidecar `voorlopig_jaar`");

    public static readonly DatasetSchema StudentenPerInstelling = new()
    {
        Dataset = "mbo-studenten-per-instelling", Bron = "duo", TableName = "mbo_studenten_per_instelling", Version = 1,
        Format = SourceFormat.DuoCsv,
        Description = "Students per institution, year and leerweg (DUO count on 1 October). Long form: one row per leerweg.",
        Origin = "DUO open data `mbo-studenten-per-instelling` (CSV, one row per institution and year, leerwegen as columns).",
        ExpectedHeaders = ["JAAR", "PROVINCIE INSTELLING", "BEVOEGD GEZAG NUMMER", "INSTELLINGSCODE", "INSTELLINGSNAAM",
            "PLAATSNAAM INSTELLING", "GEMEENTENUMMER INSTELLING", "GEMEENTE INSTELLING", "BBL", "BOLDT", "BOLVT", "EX"],
        Columns =
        [
            Jaar, Instellingscode,
            C(Str("instellingsnaam", "Institution name (DUO short form)."), "INSTELLINGSNAAM"),
            C(Str("bevoegd_gezag_nummer", "Number of the governing board (bevoegd gezag)."), "BEVOEGD GEZAG NUMMER"),
            C(Str("provincie", "Province of the institution."), "PROVINCIE INSTELLING"),
            C(Str("plaatsnaam", "Place name, upper case as DUO writes it."), "PLAATSNAAM INSTELLING"),
            C(Str("gemeentenummer", "Municipality number, text with leading zeros (`0014`)."), "GEMEENTENUMMER INSTELLING"),
            C(Str("gemeente", "Municipality name."), "GEMEENTE INSTELLING"),
            C(Str("leerweg", "Route: BBL, BOLDT, BOLVT or EX.", nullable: false), "column name BBL/BOLDT/BOLVT/EX"),
            Aantal, Onderdrukt, Voorlopig,
        ],
        Key = ["jaar", "instellingscode", "leerweg"],
        NotNull = ["instellingscode", "leerweg"],
        AcceptedValues = new Dictionary<string, IReadOnlyList<string>> { ["leerweg"] = DuoLeerwegen },
    };

    public static readonly DatasetSchema Gediplomeerden = new()
    {
        Dataset = "gediplomeerde-mbo-studenten", Bron = "duo", TableName = "gediplomeerde_mbo_studenten", Version = 1,
        Format = SourceFormat.DuoCsv,
        Description = "Graduates per institution, programme (crebo), leerweg, niveau, sex and year. Long form of DUO's wide file.",
        Origin = "DUO open data `gediplomeerde-mbo-studenten` (CSV, one column per sex and year: DIPMAN2021 … DIPVROUW2025).",
        ExpectedHeaders = ["INSTELLINGSCODE", "INSTELLINGSNAAM", "PLAATSNAAM INSTELLING", "LEERWEG", "NIVEAU",
            "ERKENDE OPLEIDING CODE", "ERKENDE OPLEIDING NAAM", "SECTORKAMER NAAM", "HOOFDGROEP NAAM"],
        HeaderPatterns = [@"^DIPMAN(?<jaar>\d{4})$", @"^DIPVROUW(?<jaar>\d{4})$"],
        Columns =
        [
            C(Int("jaar", "Year of the diplomas (from the column name)."), "year in DIPMANyyyy / DIPVROUWyyyy"),
            Instellingscode,
            C(Str("instellingsnaam", "Institution name (DUO short form)."), "INSTELLINGSNAAM"),
            C(Str("plaatsnaam", "Place name, upper case as DUO writes it."), "PLAATSNAAM INSTELLING"),
            C(Str("leerweg", "Route: BBL, BOLDT, BOLVT, EX or OVO.", nullable: false), "LEERWEG"),
            C(Int("niveau", "Level 1–4."), "NIVEAU"),
            C(Str("crebo", "Programme code (crebo), trimmed.", nullable: false), "ERKENDE OPLEIDING CODE"),
            C(Str("opleidingsnaam", "Programme name."), "ERKENDE OPLEIDING NAAM"),
            C(Str("sectorkamer", "SBB sector chamber."), "SECTORKAMER NAAM"),
            C(Str("hoofdgroep", "Main group of the programme."), "HOOFDGROEP NAAM"),
            C(Str("geslacht", "Sex: man or vrouw.", nullable: false), "DIPMAN → man, DIPVROUW → vrouw"),
            Aantal with { Source = "DIPMANyyyy / DIPVROUWyyyy; `-1` or `<5` → null" }, Onderdrukt, Voorlopig,
        ],
        Key = ["jaar", "instellingscode", "leerweg", "niveau", "crebo", "geslacht"],
        NotNull = ["instellingscode", "leerweg", "crebo", "geslacht"],
        AcceptedValues = new Dictionary<string, IReadOnlyList<string>>
        {
            ["leerweg"] = DiplomaLeerwegen, ["niveau"] = Niveaus, ["geslacht"] = ["man", "vrouw"],
        },
    };

    public static readonly DatasetSchema Instroom = new()
    {
        Dataset = "instromende-mbo-studenten", Bron = "duo", TableName = "instromende_mbo_studenten", Version = 1,
        Format = SourceFormat.DuoCsv,
        Description = "Students entering mbo per institution, programme, leerweg, niveau, prior education and year.",
        Origin = "DUO open data `instromende-mbo-studenten`: every yearly resource `{jaar} nieuw-instromende-studenten-per-instelling-niveau-leerweg-beroepsopleiding-met-soorten-instroom` (CSV with `JAAR` and `AANTAL`).",
        ExpectedHeaders = ["JAAR", "INSTELLINGSCODE", "NIVEAU", "LEERWEG", "BEROEPSOPLEIDING CODE", "BEROEPSOPLEIDING NAAM",
            "WIJZIGING IN INSTELLING", "LAATSTE JAAR VO", "VOOROPLEIDING VO", "LAATSTE JAAR MBO", "VOOROPLEIDING MBO",
            "INSTROOM VO", "INSTROOM MBO", "INSTROOM OPLEIDING", "AANTAL"],
        Columns =
        [
            Jaar, Instellingscode,
            C(Int("niveau", "Level 1–4."), "NIVEAU"),
            C(Str("leerweg", "Route as DUO codes it in this file: BBL, BOL, EX (BOLDT/BOLVT accepted).", nullable: false), "LEERWEG"),
            C(Str("crebo", "Programme code (crebo), trimmed.", nullable: false), "BEROEPSOPLEIDING CODE"),
            C(Str("opleidingsnaam", "Programme name."), "BEROEPSOPLEIDING NAAM"),
            C(Str("wijziging_in_instelling", "Whether the student changed institution (as DUO codes it)."), "WIJZIGING IN INSTELLING"),
            C(Str("laatste_jaar_vo", "Last year in secondary education (as DUO codes it)."), "LAATSTE JAAR VO"),
            C(Str("vooropleiding_vo", "Prior secondary education."), "VOOROPLEIDING VO"),
            C(Str("laatste_jaar_mbo", "Last year in mbo (as DUO codes it)."), "LAATSTE JAAR MBO"),
            C(Str("vooropleiding_mbo", "Prior mbo education."), "VOOROPLEIDING MBO"),
            C(Str("instroom_vo", "Inflow from secondary education (as DUO codes it)."), "INSTROOM VO"),
            C(Str("instroom_mbo", "Inflow from within mbo (as DUO codes it)."), "INSTROOM MBO"),
            C(Str("instroom_opleiding", "Inflow into the programme (as DUO codes it)."), "INSTROOM OPLEIDING"),
            Aantal with { Source = "AANTAL; `-1` or `<5` → null" }, Onderdrukt, Voorlopig,
        ],
        Key = ["jaar", "instellingscode", "niveau", "leerweg", "crebo", "wijziging_in_instelling", "laatste_jaar_vo",
            "vooropleiding_vo", "laatste_jaar_mbo", "vooropleiding_mbo", "instroom_vo", "instroom_mbo", "instroom_opleiding"],
        NotNull = ["instellingscode", "leerweg", "crebo"],
        AcceptedValues = new Dictionary<string, IReadOnlyList<string>> { ["leerweg"] = InstroomLeerwegen, ["niveau"] = Niveaus },
    };

    public static readonly DatasetSchema InstroomVooropleiding = new()
    {
        Dataset = "instromende-mbo-studenten", Bron = "duo", TableName = "instromende_mbo_studenten_vooropleiding", Version = 1,
        Format = SourceFormat.DuoCsv,
        Description = "Students entering mbo per institution, main group, programme, leerweg, niveau and prior education, per year (three counts).",
        Origin = "DUO open data `instromende-mbo-studenten`: every yearly resource `{jaar} nieuw-instromende-studenten-per-instelling-hoofdgroep-leerweg-beroepsopleiding-niveau-vooropleiding` (CSV without a year column).",
        ExpectedHeaders = ["VOOROPLEIDING VO", "VOOROPLEIDING MBO", "INDICATIE KLEINE OPLEIDING", "INSTELLINGSCODE", "INSTELLINGSNAAM",
            "HOOFDGROEP CODE", "HOOFDGROEP NAAM", "NIVEAU", "LEERWEG", "BEROEPSOPLEIDING CODE", "BEROEPSOPLEIDING NAAM",
            "TOTAAL MBO", "INSTROOM MBO", "INSTROOM OPLEIDING"],
        Columns =
        [
            C(Int("jaar", "Year of the inflow: the first word of the resource name (the file has no year column)."), "resource name, first word (raw sidecar `ckan_resource_jaar`)"),
            Instellingscode,
            C(Str("instellingsnaam", "Institution name (DUO short form)."), "INSTELLINGSNAAM"),
            C(Str("hoofdgroep_code", "Code of the programme's main group."), "HOOFDGROEP CODE"),
            C(Str("hoofdgroep", "Main group of the programme."), "HOOFDGROEP NAAM"),
            C(Int("niveau", "Level 1–4."), "NIVEAU"),
            C(Str("leerweg", "Route as DUO codes it in this file: BBL, BOLDT, BOLVT or EX (2021 has BOLDT; later years BOLVT only).", nullable: false), "LEERWEG"),
            C(Str("crebo", "Programme code (crebo), trimmed.", nullable: false), "BEROEPSOPLEIDING CODE"),
            C(Str("opleidingsnaam", "Programme name."), "BEROEPSOPLEIDING NAAM"),
            C(Str("vooropleiding_vo", "Prior secondary education."), "VOOROPLEIDING VO"),
            C(Str("vooropleiding_mbo", "Prior mbo education."), "VOOROPLEIDING MBO"),
            C(Str("indicatie_kleine_opleiding", "DUO's flag for a small programme (as DUO codes it)."), "INDICATIE KLEINE OPLEIDING"),
            C(Int("totaal_mbo", "Entering students in total; null when suppressed (1–4).", nullable: true), "TOTAAL MBO; `-1` → null"),
            C(Int("instroom_mbo", "Entering mbo; null when suppressed.", nullable: true), "INSTROOM MBO; `-1` → null"),
            C(Int("instroom_opleiding", "Entering the programme; null when suppressed.", nullable: true), "INSTROOM OPLEIDING; `-1` → null"),
            Onderdrukt with { Source = "derived: any of the three counts suppressed" }, Voorlopig,
        ],
        Key = ["jaar", "instellingscode", "hoofdgroep_code", "niveau", "leerweg", "crebo", "vooropleiding_vo", "vooropleiding_mbo",
            "indicatie_kleine_opleiding"],
        NotNull = ["instellingscode", "leerweg", "crebo"],
        AcceptedValues = new Dictionary<string, IReadOnlyList<string>> { ["leerweg"] = DuoLeerwegen, ["niveau"] = Niveaus },
    };

    public static readonly DatasetSchema JobMonitor = new()
    {
        Dataset = "job-monitor", Bron = "job", TableName = "job_monitor", Version = 1,
        Format = SourceFormat.JobMonitor,
        Description = "JOB-monitor results per institution, year, theme and question.",
        Origin = "Project-defined upload (CSV UTF-8, or the first sheet of an .xlsx): `instellingscode,jaar,thema,vraag,respondenten,percentage_positief,rapportcijfer`.",
        ExpectedHeaders = ["instellingscode", "jaar", "thema", "vraag", "respondenten", "percentage_positief", "rapportcijfer"],
        Columns =
        [
            C(Int("jaar", "Survey year (2022 and 2024; 2023 and 2025 allowed)."), "jaar"),
            C(Str("instellingscode", "Institution code (BRIN), trimmed.", nullable: false), "instellingscode"),
            C(Str("thema", "Theme, e.g. veiligheid, stagebegeleiding, opleiding.", nullable: false), "thema"),
            C(Str("vraag", "Question (short label).", nullable: false), "vraag"),
            C(Int("respondenten", "Number of respondents.", nullable: true), "respondenten"),
            C(Dbl("percentage_positief", "Share of respondents answering positively, 0–100."), "percentage_positief (xlsx: a % cell is multiplied by 100)"),
            C(Dbl("rapportcijfer", "Mean report mark 1–10."), "rapportcijfer"),
        ],
        Key = ["jaar", "instellingscode", "thema", "vraag"],
        NotNull = ["instellingscode", "thema", "vraag"],
        AcceptedValues = new Dictionary<string, IReadOnlyList<string>> { ["jaar"] = ["2022", "2023", "2024", "2025"] },
    };

    public static readonly DatasetSchema Cbs85368 = Cbs("85368NED", "Early school leavers (vsv) by sex, type of education (vo and mbo) and origin (CBS StatLine 85368NED).");
    public static readonly DatasetSchema Cbs85696 = Cbs("85696NED", "Leavers from education: labour-market position after leaving (CBS StatLine 85696NED).");

    /// <summary>Every silver table, in the order of the dataset declarations (<see cref="Datasets.DatasetCatalog"/>).</summary>
    public static IReadOnlyList<DatasetSchema> All => Datasets.DatasetCatalog.Tables.Select(t => t.Schema).ToList();

    /// <summary>The fixed columns of a CBS table; dimensions and topics are added per table from its DataProperties.</summary>
    private static DatasetSchema Cbs(string tableId, string description) => new()
    {
        Dataset = tableId, Bron = "cbs", TableName = "cbs_" + tableId.ToLowerInvariant(), Version = 1,
        Format = SourceFormat.CbsJson, HasDynamicColumns = true,
        Description = description + " Plus one VARCHAR column per dimension (trimmed code) and `<dimensie>_titel`, and one "
            + "DOUBLE column per topic (snake_case of its key); their meaning is in `silver/" + "cbs_" + tableId.ToLowerInvariant()
            + "/_columns.json`, taken from the table's DataProperties. The column set is pinned at the first load; a change is drift.",
        Origin = $"CBS StatLine OData v3 `{tableId}` (TypedDataSet, DataProperties and dimension lists).",
        Columns =
        [
            C(Int("jaar", "Year of the period."), "Perioden `2023JJ00` → 2023"),
            C(Str("periode_type", "Period type: JJ (year), KW (quarter), MM (month).", nullable: false), "Perioden characters 5–6"),
            C(Str("periode", "The raw period code, e.g. `2023JJ00`.", nullable: false), "Perioden"),
        ],
        Key = ["periode"], // the dimension columns are added to the key per table
        NotNull = ["periode"],
        AcceptedValues = new Dictionary<string, IReadOnlyList<string>> { ["periode_type"] = ["JJ", "KW", "MM"] },
    };
}
