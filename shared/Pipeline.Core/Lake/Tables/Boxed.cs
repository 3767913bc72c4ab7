namespace Pipeline.Core.Lake.Tables;

/// <summary>
/// Shared boxes for the values rows repeat endlessly (years, small counts, flags), so handing an int or bool to an
/// <c>object?[]</c> row does not allocate one box per cell. Boxes are immutable, so sharing them is safe.
/// </summary>
public static class Boxed
{
    private const int Min = -1;
    private const int Max = 9_999;
    private static readonly object[] Ints = Enumerable.Range(Min, Max - Min + 1).Select(i => (object)i).ToArray();
    private static readonly object True = true;
    private static readonly object False = false;

    public static object Int(int value) => value is >= Min and <= Max ? Ints[value - Min] : value;

    public static object? Int(int? value) => value is { } v ? Int(v) : null;

    public static object Bool(bool value) => value ? True : False;
}
