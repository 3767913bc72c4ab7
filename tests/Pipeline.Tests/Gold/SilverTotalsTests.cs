using Pipeline.Core.Gold;

namespace Pipeline.Tests.Gold;

[TestClass]
public sealed class SilverTotalsTests
{
    private static readonly SilverSource First = new("duo", "mbo-studenten-per-instelling", "eerste");
    private static readonly SilverSource Second = new("duo", "mbo-studenten-per-instelling", "tweede");

    [TestMethod]
    public void A_count_group_sums_per_route_group_keeps_its_first_rows_source_and_is_provisional_when_any_row_is()
    {
        var totals = SilverTotals.Of(new SilverData
        {
            Studenten =
            [
                new StudentenRow(2024, "25LH", "ROC", "BBL", 30, false, false, First),
                new StudentenRow(2024, "25LH", "ROC", "BOLDT", null, true, false, Second),
                new StudentenRow(2024, "25LH", "ROC", "BOLVT", 60, false, true, Second),
                new StudentenRow(2024, "25LH", "ROC", "EX", null, false, false, Second),
            ],
        });

        var (code, jaar, cells) = totals.Studenten.Groups.Single();
        Assert.AreEqual(("25LH", 2024), (code, jaar));
        Assert.AreEqual(new CellTotal(30, 0), cells[LeerwegGroep.Bbl]);
        Assert.AreEqual(new CellTotal(60, 1), cells[LeerwegGroep.Bol]);
        Assert.AreEqual(new CellTotal(0, 0), cells[LeerwegGroep.Extraneus], "a cell without a number that is not suppressed adds nothing");
        Assert.AreEqual(new CellTotal(90, 1), cells.All);
        Assert.AreSame(First, cells.Bron);
        Assert.IsTrue(cells.Voorlopig);
    }

    [TestMethod]
    public void Institution_names_take_the_newest_year_and_within_a_year_the_students_table_before_the_diplomas()
    {
        GediplomeerdenRow D(int jaar, string code, string naam) => new(jaar, code, naam, "BBL", 2, "25001", "man", 1, false, false, First);
        var totals = SilverTotals.Of(new SilverData
        {
            Studenten =
            [
                new StudentenRow(2023, "25LH", "Oud", "BBL", 1, false, false, First),
                new StudentenRow(2024, "25PZ", "Studenten", "BBL", 1, false, false, First),
                new StudentenRow(2024, "25PZ", " ", "BOLVT", 1, false, false, First),
            ],
            Gediplomeerden = [D(2024, "25LH", "Nieuw"), D(2024, "25PZ", "Diploma's"), D(2025, "27GN", "")],
        });

        var names = totals.InstellingsNamen();
        Assert.AreEqual("Nieuw", names["25LH"]);
        Assert.AreEqual("Studenten", names["25PZ"]);
        Assert.IsFalse(names.ContainsKey("27GN"), "a blank name names nothing");
        Assert.IsTrue(totals.BekendeInstellingen().Contains("27GN"));
    }

    [TestMethod]
    public void Every_source_adds_its_institutions_to_the_known_codes()
    {
        var src = SilverSource.Unknown;
        var totals = SilverTotals.Of(new SilverData
        {
            Instroom = [new InstroomRow(2024, "30AA", 3, "BBL", "25491", 5, false, false, src)],
            JobMonitor = [new JobMonitorRow(2024, "31BB", "veiligheid", "Veilig?", 10, 80, null, src)],
        });

        CollectionAssert.AreEquivalent(new[] { "30AA", "31BB", Pipeline.Core.Indicators.IndicatorCatalog.Landelijk },
            totals.BekendeInstellingen().ToArray());
    }
}
