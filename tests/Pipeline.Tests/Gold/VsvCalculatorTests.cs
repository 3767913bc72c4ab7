using Pipeline.Core.Indicators;
using Microsoft.Extensions.Configuration;
using Pipeline.Core.Datasets;
using Pipeline.Core.Gold;
using Pipeline.Core.Sources;

namespace Pipeline.Tests.Gold;

/// <summary>vsv_landelijk from rows shaped like the real 85368NED: vo and mbo in one Onderwijssoort dimension, chosen by code.</summary>
[TestClass]
public sealed class VsvCalculatorTests
{
    private static readonly SilverSource Src = new("cbs", "85368NED", "c1");

    private static readonly Dictionary<string, string> Titles = new()
    {
        ["T001336"] = "Totaal onderwijssoorten", ["A025290"] = "Totaal mbo (incl. extranei)", ["A042649"] = "Mbo-entreeopleiding",
        ["A042667"] = "Mbo niveau 4", ["A041868"] = "Bol totaal", ["A025262"] = "Totaal voortgezet onderwijs",
        ["T001038"] = "Totaal mannen en vrouwen", ["3000"] = "Mannen", ["4000"] = "Vrouwen",
        ["T001040"] = "Totaal", ["A043642"] = "Nederlandse achtergrond",
    };

    private static CbsRow Row(int jaar, string onderwijssoort, double? vsv, string geslacht = "T001038", string herkomst = "T001040", string type = "JJ") =>
        new(jaar, type, $"{jaar}{type}00",
            new Dictionary<string, string>
            {
                ["onderwijssoort"] = onderwijssoort, ["onderwijssoort_titel"] = Titles[onderwijssoort.Trim()],
                ["geslacht"] = geslacht, ["geslacht_titel"] = Titles[geslacht.Trim()],
                ["herkomst"] = herkomst, ["herkomst_titel"] = Titles[herkomst.Trim()],
            },
            new Dictionary<string, double?> { ["deelnemers_1"] = 500_000, ["voortijdige_schoolverlaters_2"] = vsv, ["voortijdige_schoolverlaters_3"] = 1.9 },
            Src);

    /// <summary>Two years of a real-shaped table: the table total (vo + mbo) differs from the mbo total.</summary>
    private static List<CbsRow> Table() =>
    [
        .. new[] { 2023, 2024 }.SelectMany(y => new[]
        {
            Row(y, "T001336", 30_000 + y),        // vo + mbo: NOT the mbo total in this table
            Row(y, "A025290", 21_000 + y),        // Totaal mbo (incl. extranei)
            Row(y, "A025290", 12_000, geslacht: "3000"),
            Row(y, "A025290", 9_000, herkomst: "A043642"),
            Row(y, "A042649", 4_000),
            Row(y, "A042667", 6_000 + y),
            Row(y, "A041868", 15_000),
            Row(y, "A025262", 8_000),
            Row(y, "A025290", 5_000, type: "KW"),
        }),
    ];

    private static CbsRowSelection Declared => DatasetCatalog.Cbs85368.CbsRows!;

    private static (IReadOnlyList<IndicatorValue> Values, List<IndicatorWarning> Warnings) Compute(List<CbsRow> rows, CbsRowSelection? selection = null)
    {
        var warnings = new List<IndicatorWarning>();
        return (VsvCalculator.Compute(rows, "85368NED", selection ?? Declared, warnings), warnings);
    }

    [TestMethod]
    public void Takes_the_A025290_row_at_the_other_dimensions_totals_not_the_table_total_T001336()
    {
        var (values, warnings) = Compute(Table());

        Assert.AreEqual(0, warnings.Count, string.Join("; ", warnings));
        CollectionAssert.AreEqual(new[] { (2023, 21_000.0 + 2023), (2024, 21_000.0 + 2024) },
            values.Select(v => (v.Jaar, v.Waarde!.Value)).ToArray());
        Assert.IsTrue(values.All(v => v is { Indicator: IndicatorCatalog.VsvLandelijk, Instellingscode: IndicatorCatalog.Landelijk }));
        Assert.AreEqual("cbs/85368NED@sha256:c1", values[0].Bron.Label);
    }

    [TestMethod]
    public void Codes_with_trailing_spaces_in_the_table_or_the_configuration_match()
    {
        var rows = Table().Select(r => r with
        {
            Dimensies = r.Dimensies.ToDictionary(kv => kv.Key, kv => kv.Key.EndsWith("_titel") ? kv.Value : kv.Value + "   "),
        }).ToList();
        var padded = Declared with { Codes = Declared.Codes.ToDictionary(kv => kv.Key, kv => kv.Value + "  ") };

        var (values, warnings) = Compute(rows, padded);

        Assert.AreEqual(0, warnings.Count, string.Join("; ", warnings));
        Assert.AreEqual(21_000.0 + 2024, values.Single(v => v.Jaar == 2024).Waarde);
    }

    [TestMethod]
    public void Without_A025290_in_the_code_list_there_is_a_warning_naming_the_code_and_key_and_no_value()
    {
        var (values, warnings) = Compute(Table().Where(r => r.Dimensies["onderwijssoort"] != "A025290").ToList());

        Assert.AreEqual(0, values.Count, "never a value from another row");
        var w = warnings.Single();
        Assert.AreEqual(IndicatorCatalog.VsvLandelijk, w.Indicator);
        StringAssert.Contains(w.Text, "code A025290 (Sources:Cbs:Tables:85368NED:Rows:Onderwijssoort) is not in the code list of Onderwijssoort");
        StringAssert.Contains(w.Text, "T001336");
    }

    [TestMethod]
    public void A_year_without_the_configured_row_is_a_warning_for_that_year_and_the_other_years_keep_their_value()
    {
        var rows = Table().Where(r => !(r.Jaar == 2024 && r.Dimensies["onderwijssoort"] == "A025290" && r.PeriodeType == "JJ"
                                        && r.Dimensies["geslacht"] == "T001038" && r.Dimensies["herkomst"] == "T001040")).ToList();

        var (values, warnings) = Compute(rows);

        Assert.AreEqual(2023, values.Single().Jaar);
        StringAssert.Contains(warnings.Single().Text, "vsv_landelijk: 2024: CBS 85368NED has no yearly row with Onderwijssoort=A025290, Geslacht=T001038, Herkomst=T001040");
    }

    [TestMethod]
    public void A_dimension_without_a_configured_code_and_a_missing_topic_are_warnings_not_guesses()
    {
        var noHerkomst = Declared with { Codes = Declared.Codes.Where(kv => kv.Key != "Herkomst").ToDictionary() };
        var (values, warnings) = Compute(Table(), noHerkomst);
        Assert.AreEqual(0, values.Count);
        StringAssert.Contains(warnings.Single().Text, "dimension herkomst of CBS 85368NED has no configured code");

        (values, warnings) = Compute(Table(), Declared with { Topic = "VoortijdigSchoolverlaters_9" });
        Assert.AreEqual(0, values.Count);
        StringAssert.Contains(warnings.Single().Text, "has no topic VoortijdigSchoolverlaters_9");
    }

    [TestMethod]
    public void A_null_in_the_configured_row_is_a_figure_not_yet_published_no_value_and_no_warning()
    {
        var rows = Table().Select(r => r.Jaar == 2024 && r.Dimensies["onderwijssoort"] == "A025290"
            ? r with { Onderwerpen = new Dictionary<string, double?> { ["voortijdige_schoolverlaters_2"] = null } } : r).ToList();
        var (values, warnings) = Compute(rows);
        Assert.AreEqual(2023, values.Single().Jaar);
        Assert.AreEqual(0, warnings.Count);
    }

    [TestMethod]
    public void A_code_and_the_topic_are_overridden_through_configuration()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sources:Cbs:Tables:85368NED:Protocol"] = "v3",
            ["Sources:Cbs:Tables:85368NED:Rows:Onderwijssoort"] = "A042667 ",
        }).Build();
        var selection = SourceCatalog.From(config).Cbs.RowSelections()["85368NED"];

        Assert.AreEqual("A042667", selection.Codes["Onderwijssoort"]);
        Assert.AreEqual("T001038", selection.Codes["Geslacht"], "unset dimensions keep the declared code");
        var (values, _) = Compute(Table(), selection);
        Assert.AreEqual(6_000.0 + 2024, values.Single(v => v.Jaar == 2024).Waarde);

        var options = GoldOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sources:Cbs:Tables:85368NED:Topic"] = "Deelnemers_1",
        }).Build());
        Assert.AreEqual("deelnemers_1", options.CbsRows!["85368NED"].TopicColumn);
        Assert.AreEqual(500_000.0, IndicatorCalculator.Compute(new SilverData { Vsv = Table() }, options.CbsRows).Values.First().Waarde);
    }

    [TestMethod]
    [DataRow("Sources:Cbs:Tables:85368NED:Rows:Onderwijssoort", " ", "Sources:Cbs:Tables:85368NED:Rows:Onderwijssoort must be a CBS code")]
    [DataRow("Sources:Cbs:Tables:85696NED:Rows:Leerweg", "BOL", "Sources:Cbs:Tables:85696NED:Rows/Topic: no indicator reads table 85696NED")]
    [DataRow("Alerts:Operators:IndicatorWarningRuns", "0", "Alerts:Operators:IndicatorWarningRuns must be a whole number")]
    public void A_wrong_override_fails_at_start_naming_its_key(string key, string value, string message)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => GoldOptions.FromConfiguration(config));
        StringAssert.Contains(e.Message, message);
    }
}
