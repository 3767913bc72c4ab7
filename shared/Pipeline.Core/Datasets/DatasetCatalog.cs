using Pipeline.Core.Indicators;
using Pipeline.Core.Gold;
using Pipeline.Core.Silver;
using Pipeline.Core.Sources.Uploads;

namespace Pipeline.Core.Datasets;

/// <summary>
/// Every dataset the pipeline knows, declared once. Source defaults, upload folders, the silver schema and row mapping
/// of a raw file, the source of a silver table and the data dictionary are all looked up here. Adding a dataset is one
/// declaration (plus its schema in <see cref="SilverSchemas"/> and its mapping in <see cref="TabularNormalisers"/>).
/// </summary>
public static class DatasetCatalog
{
    public const string InstroomSoortenPattern = @"(?i)nieuw-instromende-studenten-per-instelling-niveau-leerweg-beroepsopleiding-met-soorten-instroom$";
    public const string InstroomVooropleidingPattern = @"(?i)nieuw-instromende-studenten-per-instelling-hoofdgroep-leerweg-beroepsopleiding-niveau-vooropleiding$";

    /// <summary>
    /// Six resources, all with every year; position 0 is the one with a column per leerweg. Positions 0 and 1 share
    /// their file-name tail, so the rule looks at the name ("… en leerweg") and the position, never at the URL.
    /// </summary>
    public static readonly DatasetDeclaration StudentenPerInstelling = new()
    {
        Bron = "duo", Dataset = "mbo-studenten-per-instelling",
        Tables =
        [
            new TableDeclaration
            {
                Schema = SilverSchemas.StudentenPerInstelling, Bind = TabularNormalisers.Studenten,
                Resources = new ResourceRule { NamePattern = @"(?i)^studenten per instelling .*\ben leerweg$", Position = 0 },
            },
        ],
    };

    /// <summary>One resource, <c>Gediplomeerden</c>; years come from the columns (the file name's years are wrong).</summary>
    public static readonly DatasetDeclaration Gediplomeerden = new()
    {
        Bron = "duo", Dataset = "gediplomeerde-mbo-studenten",
        Tables =
        [
            new TableDeclaration
            {
                Schema = SilverSchemas.Gediplomeerden, Bind = TabularNormalisers.Gediplomeerden,
                Resources = new ResourceRule { NamePattern = "(?i)^gediplomeerden$" },
            },
        ],
    };

    /// <summary>Two shapes, one resource per year each; a new year arrives as two more resources.</summary>
    public static readonly DatasetDeclaration Instroom = new()
    {
        Bron = "duo", Dataset = "instromende-mbo-studenten",
        Tables =
        [
            new TableDeclaration
            {
                Schema = SilverSchemas.Instroom, Bind = TabularNormalisers.Instroom,
                Resources = new ResourceRule { NamePattern = InstroomSoortenPattern, PerYear = true },
            },
            new TableDeclaration
            {
                Schema = SilverSchemas.InstroomVooropleiding, Bind = TabularNormalisers.InstroomVooropleiding,
                Resources = new ResourceRule { NamePattern = InstroomVooropleidingPattern, PerYear = true },
                YearFromResourceName = true,
            },
        ],
    };

    /// <summary>
    /// Vo and mbo in one <c>Onderwijssoort</c> dimension: the mbo total is <c>A025290</c> "Totaal mbo (incl. extranei)";
    /// the table total <c>T001336</c> is not (it includes vo). <c>Geslacht</c> and <c>Herkomst</c> at their totals.
    /// The Herkomst total <c>T001040</c> and the topic key are to be checked against the live table's code lists.
    /// </summary>
    public static readonly DatasetDeclaration Cbs85368 = new()
    {
        Bron = "cbs", Dataset = "85368NED", Tables = [new TableDeclaration { Schema = SilverSchemas.Cbs85368 }],
        CbsRows = new CbsRowSelection
        {
            Indicator = IndicatorCatalog.VsvLandelijk, Topic = "VoortijdigeSchoolverlaters_2",
            Codes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Onderwijssoort"] = "A025290", ["Geslacht"] = "T001038", ["Herkomst"] = "T001040",
            },
        },
    };

    public static readonly DatasetDeclaration Cbs85696 = new()
    {
        Bron = "cbs", Dataset = "85696NED", Tables = [new TableDeclaration { Schema = SilverSchemas.Cbs85696 }],
    };

    public static readonly DatasetDeclaration JobMonitor = new()
    {
        Bron = "job", Dataset = "job-monitor", Upload = UploadFolders.Job,
        Tables = [new TableDeclaration { Schema = SilverSchemas.JobMonitor, Bind = TabularNormalisers.JobMonitor }],
    };

    /// <summary>Read by the gold stage directly (validated strictly there); no silver table.</summary>
    public static readonly DatasetDeclaration Ambities = new() { Bron = "ambities", Dataset = "ambities", Upload = UploadFolders.Ambities };

    public static readonly IReadOnlyList<DatasetDeclaration> All =
        [StudentenPerInstelling, Gediplomeerden, Instroom, Cbs85368, Cbs85696, JobMonitor, Ambities];

    public static IEnumerable<DatasetDeclaration> OfBron(string bron) => All.Where(d => d.Bron == bron);

    /// <summary>Every silver table, in declaration order.</summary>
    public static IEnumerable<TableDeclaration> Tables => All.SelectMany(d => d.Tables);

    public static DatasetDeclaration? Find(string bron, string dataset) =>
        All.FirstOrDefault(d => d.Bron == bron && string.Equals(d.Dataset, dataset, StringComparison.OrdinalIgnoreCase));

    public static DatasetDeclaration? Find(string dataset) =>
        All.FirstOrDefault(d => string.Equals(d.Dataset, dataset, StringComparison.OrdinalIgnoreCase));

    /// <summary>The dataset a silver table is built from, with the table's declaration.</summary>
    public static (DatasetDeclaration Dataset, TableDeclaration Table)? ForTable(string table)
    {
        foreach (var d in All)
            if (d.Table(table) is { } t) return (d, t);
        return null;
    }
}
