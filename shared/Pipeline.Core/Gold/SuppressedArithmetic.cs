namespace Pipeline.Core.Gold;

/// <summary>A count cell: a known number, or suppressed by the source (1–4 students, shown as -1 or &lt;5).</summary>
public readonly record struct Cell(int? Aantal, bool Onderdrukt)
{
    public static Cell Known(int n) => new(n, false);
    public static Cell Suppressed => new(null, true);
}

/// <summary>A value with the bounds suppression leaves it in; without suppression the three are equal.</summary>
public readonly record struct Bounded(double Waarde, double Min, double Max)
{
    public static Bounded Exact(double v) => new(v, v, v);
    public bool IsExact => Min == Max;
}

/// <summary>
/// Formulas over cells some of which are suppressed. Suppressed cells are never guessed away: <c>waarde</c> puts
/// <see cref="Midpoint"/> in each, and min/max are the extremes over every combination of <see cref="Low"/> and
/// <see cref="High"/> in the suppressed cells. Both formulas here are monotone in each cell separately, so those
/// extremes are reached at known corners and need no enumeration (a test checks this against brute force).
/// </summary>
public static class SuppressedArithmetic
{
    public const double Low = 1, High = 4, Midpoint = 2.5;

    /// <summary>Sum of cells: each suppressed cell adds 1..4 (2.5 for the value). A cell without a number that is not
    /// marked suppressed is absent and adds nothing.</summary>
    public static Bounded Sum(IEnumerable<Cell> cells) => Sum(CellTotal.Of(cells));

    /// <inheritdoc cref="Sum(IEnumerable{Cell})"/>
    public static Bounded Sum(CellTotal cells)
    {
        var (known, suppressed) = cells;
        return new Bounded(known + Midpoint * suppressed, known + Low * suppressed, known + High * suppressed);
    }

    /// <summary>
    /// <c>scale × T / (T + R)</c> where T sums the <paramref name="teller"/> cells and R the cells that are only in the
    /// denominator. A suppressed teller cell raises the share (∂/∂x of (T+x)/(N+x) = (N−T)/(N+x)² ≥ 0), a suppressed
    /// rest cell lowers it, so the maximum takes 4 in teller cells and 1 in rest cells, the minimum the reverse.
    /// Returns null when the denominator is zero. <c>NoemerMin</c> is the smallest possible denominator.
    /// </summary>
    public static ShareResult? Share(IEnumerable<Cell> teller, IEnumerable<Cell> rest, double scale = 100) =>
        Share(CellTotal.Of(teller), CellTotal.Of(rest), scale);

    /// <inheritdoc cref="Share(IEnumerable{Cell}, IEnumerable{Cell}, double)"/>
    public static ShareResult? Share(CellTotal teller, CellTotal rest, double scale = 100)
    {
        var (tk, a) = teller;
        var (rk, b) = rest;
        double Ratio(double x, double y)
        {
            var t = tk + a * x;
            return scale * t / (t + rk + b * y);
        }
        var noemer = tk + rk + Midpoint * (a + b);
        if (noemer == 0) return null;
        return new ShareResult(
            new Bounded(Ratio(Midpoint, Midpoint), Ratio(Low, High), Ratio(High, Low)),
            Teller: tk + Midpoint * a, Noemer: noemer, NoemerMin: tk + rk + Low * (a + b));
    }
}

public sealed record ShareResult(Bounded Waarde, double Teller, double Noemer, double NoemerMin);
