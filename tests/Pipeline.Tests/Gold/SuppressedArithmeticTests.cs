using Pipeline.Core.Gold;

namespace Pipeline.Tests.Gold;

[TestClass]
public sealed class SuppressedArithmeticTests
{
    [TestMethod]
    public void SumWithoutSuppressionHasEqualBounds()
    {
        var s = SuppressedArithmetic.Sum([Cell.Known(10), Cell.Known(5)]);
        Assert.AreEqual(new Bounded(15, 15, 15), s);
    }

    [TestMethod]
    public void SumCountsEachSuppressedCellAsTwoAndAHalfBetweenOneAndFour()
    {
        var s = SuppressedArithmetic.Sum([Cell.Known(10), Cell.Suppressed, Cell.Suppressed]);
        Assert.AreEqual(new Bounded(15, 12, 18), s);
    }

    [TestMethod]
    public void ShareWithSuppressedDenominatorCellIsBoundedByCornersAndUsesSmallestNoemer()
    {
        // BBL 20 (teller), BOLDT suppressed, BOLVT 30: 100·20/(50+x), x ∈ {1..4}.
        var r = SuppressedArithmetic.Share([Cell.Known(20)], [Cell.Suppressed, Cell.Known(30)])!;
        Assert.AreEqual(100 * 20 / 52.5, r.Waarde.Waarde, 1e-12);
        Assert.AreEqual(100 * 20 / 54.0, r.Waarde.Min, 1e-12);
        Assert.AreEqual(100 * 20 / 51.0, r.Waarde.Max, 1e-12);
        Assert.AreEqual(52.5, r.Noemer);
        Assert.AreEqual(51.0, r.NoemerMin);
        Assert.AreEqual(20.0, r.Teller);
    }

    [TestMethod]
    public void ShareWithSuppressedTellerCellRisesWithTheCell()
    {
        // BBL suppressed, rest 36: 100·x/(36+x).
        var r = SuppressedArithmetic.Share([Cell.Suppressed], [Cell.Known(36)])!;
        Assert.AreEqual(100 * 1 / 37.0, r.Waarde.Min, 1e-12);
        Assert.AreEqual(100 * 4 / 40.0, r.Waarde.Max, 1e-12);
        Assert.AreEqual(100 * 2.5 / 38.5, r.Waarde.Waarde, 1e-12);
    }

    [TestMethod]
    public void ShareOfNothingIsNull() => Assert.IsNull(SuppressedArithmetic.Share([Cell.Known(0)], [Cell.Known(0)]));

    [TestMethod]
    [DataRow(new[] { 5, -1, 7 }, new[] { -1, 30, -1 })]
    [DataRow(new[] { -1, -1 }, new[] { -1, 2 })]
    [DataRow(new[] { 0 }, new[] { -1, -1, -1, 3 })]
    [DataRow(new[] { 12, -1, -1, -1 }, new[] { 40 })]
    public void ShareBoundsEqualBruteForceOverEveryCombinationOfOneAndFour(int[] teller, int[] rest)
    {
        // -1 marks a suppressed cell.
        Cell ToCell(int n) => n < 0 ? Cell.Suppressed : Cell.Known(n);
        var r = SuppressedArithmetic.Share(teller.Select(ToCell), rest.Select(ToCell))!;
        var cells = teller.Select(n => (n, inTeller: true)).Concat(rest.Select(n => (n, inTeller: false))).ToArray();
        var suppressed = cells.Select((c, i) => (c, i)).Where(x => x.c.n < 0).Select(x => x.i).ToArray();
        double min = double.MaxValue, max = double.MinValue;
        for (var mask = 0; mask < 1 << suppressed.Length; mask++)
        {
            var values = cells.Select(c => (double)c.n).ToArray();
            for (var k = 0; k < suppressed.Length; k++) values[suppressed[k]] = (mask & (1 << k)) != 0 ? 4 : 1;
            var t = cells.Select((c, i) => c.inTeller ? values[i] : 0).Sum();
            var v = 100 * t / values.Sum();
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        Assert.AreEqual(min, r.Waarde.Min, 1e-9);
        Assert.AreEqual(max, r.Waarde.Max, 1e-9);
    }

    [TestMethod]
    public void Totals_folded_cell_by_cell_in_parts_give_the_sum_and_share_of_the_whole_list()
    {
        Cell[] teller = [Cell.Known(12), Cell.Suppressed, new(null, false), Cell.Known(7)];
        Cell[] rest = [Cell.Suppressed, Cell.Known(40), Cell.Suppressed, Cell.Known(3)];

        var tellerParts = CellTotal.Of(teller[..1]) + CellTotal.Of(teller[1..]);
        var restParts = rest.Aggregate(new CellTotal(), (t, c) => t.Add(c));

        Assert.AreEqual(new CellTotal(19, 1), tellerParts);
        Assert.AreEqual(SuppressedArithmetic.Sum(teller.Concat(rest)), SuppressedArithmetic.Sum(tellerParts + restParts));
        Assert.AreEqual(SuppressedArithmetic.Share(teller, rest), SuppressedArithmetic.Share(tellerParts, restParts));
    }
}
