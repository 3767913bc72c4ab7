namespace Pipeline.Core.Gold;

/// <summary>
/// An indicator that could not be computed as configured (a CBS code absent from the table, a year without the
/// configured row). The text names no run or time, so the same problem gives the same text run after run.
/// </summary>
public sealed record IndicatorWarning(string Indicator, string Text)
{
    public override string ToString() => Text;
}
