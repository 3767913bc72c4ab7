namespace Pipeline.Core.Gold;

/// <summary>
/// What <see cref="SuppressedArithmetic"/> needs of a set of cells: the sum of the known numbers and how many are
/// suppressed. Known counts are whole numbers, so their double sum is exact (below 2^53) in any order: cells can be
/// added one at a time while a table is read, and totals of parts added together, with the same result as summing
/// the whole list at once.
/// </summary>
public readonly record struct CellTotal(double Known, int Suppressed)
{
    /// <summary>A cell without a number that is not marked suppressed is absent and adds nothing.</summary>
    public CellTotal Add(Cell cell) => cell.Onderdrukt ? this with { Suppressed = Suppressed + 1 } : this with { Known = Known + (cell.Aantal ?? 0) };

    public static CellTotal operator +(CellTotal a, CellTotal b) => new(a.Known + b.Known, a.Suppressed + b.Suppressed);

    public static CellTotal Of(IEnumerable<Cell> cells)
    {
        var total = new CellTotal();
        foreach (var c in cells) total = total.Add(c);
        return total;
    }
}
