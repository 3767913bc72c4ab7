using Pipeline.Core.Lake;
using Pipeline.Core.Lake.Tables;
using static Pipeline.Core.Lake.Tables.TableColumn;

namespace Pipeline.Core.Tables;

/// <summary>
/// The gold tables: their columns and what they mean (for <c>pipeline query --tables</c>), shared by the stage that
/// writes them (gold, alerts) and those that read them (alerts, report, query). Rows are <see cref="IndicatorRow"/>,
/// <see cref="TrajectRow"/> and <see cref="AlertRow"/>, whose <c>ToValues</c> follow these column orders.
/// </summary>
public static class GoldTables
{
    public const string IndicatorenTable = "indicatoren";
    public const string TrajectenTable = "trajecten";
    public const string AlertsTable = "alerts";

    private static readonly TableColumn Jaar = Int("jaar", "Measurement year (partition: in the path `jaar=YYYY/`, not in the files).");
    private static readonly TableColumn Instellingscode =
        Str("instellingscode", "Institution code (BRIN), or `NL` for national indicators.", nullable: false);
    private static readonly TableColumn Indicator = Str("indicator", "Indicator code (see docs/indicatoren.md).", nullable: false);
    private static readonly TableColumn Bron = Str("bron", "Source: `<bron>/<dataset>@sha256:<raw sha256>`.", nullable: false);
    private static readonly TableColumn BronOpgehaald = Str("bron_opgehaald", "Day the raw file was fetched (yyyy-MM-dd).");

    public static readonly TableDefinition Indicatoren = new(LakeZones.Gold, IndicatorenTable,
    [
        Instellingscode, Indicator, Jaar,
        Dbl("waarde", "Indicator value; suppressed cells count as the midpoint."),
        Dbl("waarde_min", "Lowest possible value given the suppressed cells."),
        Dbl("waarde_max", "Highest possible value given the suppressed cells."),
        Dbl("teller", "Numerator."),
        Dbl("noemer", "Denominator."),
        Dbl("noemer_min", "Smallest possible denominator given the suppressed cells."),
        Str("kwaliteit", "`ok`, `onderdrukt` or `voorlopig`.", nullable: false),
        Bron, BronOpgehaald,
    ]);

    public static readonly TableDefinition Trajecten = new(LakeZones.Gold, TrajectenTable,
    [
        Instellingscode, Indicator, Jaar,
        Dbl("waarde", "Measured value (null: no value this year)."),
        new("startwaarde", ColumnType.Double, false, "Value in the base year (from the ambitions file)."),
        new("verwachte_waarde", ColumnType.Double, false, "Value on the straight path from start value to the 2027 target."),
        new("streefwaarde_2027", ColumnType.Double, false, "Target for 2027."),
        Dbl("achterstand", "Distance behind the expected value, in the indicator's good direction."),
        new("tolerantie", ColumnType.Double, false, "Allowed distance before the trajectory is at risk."),
        Str("status", "`op_koers`, `risico`, `uit_koers` or `onvoldoende_data`.", nullable: false),
        Int("basisjaar", "Base year of the ambition."),
    ]);

    public static readonly TableDefinition Alerts = new(LakeZones.Gold, AlertsTable,
    [
        Str("alert_id", "Stable id of the alert.", nullable: false),
        Instellingscode,
        Str("instellingsnaam", "Institution name.", nullable: false),
        Indicator, Jaar,
        Str("status", "Trajectory status that raised the alert.", nullable: false),
        Str("ernst", "`waarschuwing` or `kritiek`.", nullable: false),
        Dbl("waarde", "Measured value."),
        new("verwachte_waarde", ColumnType.Double, false, "Expected value on the trajectory."),
        new("streefwaarde_2027", ColumnType.Double, false, "Target for 2027."),
        Dbl("achterstand", "Distance behind the expected value."),
        Bron, BronOpgehaald,
        Str("titel", "Alert title (Dutch).", nullable: false),
        Str("tekst", "Alert text (Dutch).", nullable: false),
    ]);

    /// <summary>Every gold table with what it holds.</summary>
    public static readonly IReadOnlyList<(TableDefinition Table, string Description)> All =
    [
        (Indicatoren, "Indicator values per institution and year, with the range left by suppressed cells."),
        (Trajecten, "Trajectories: per institution, indicator and year, the value against the straight path to the 2027 target."),
        (Alerts, "Current alerts: the newest measurement year per institution and indicator (delivery state is in _state/alerts)."),
    ];
}
