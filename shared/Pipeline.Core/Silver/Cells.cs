using System.Globalization;

namespace Pipeline.Core.Silver;

/// <summary>
/// Reading single cells strictly: blanks (empty or only spaces, as DUO writes a single space) are null, text is
/// trimmed, and a number that does not parse exactly is a <see cref="BadValueException"/>, never a guess. Numbers are
/// parsed from the cell's characters in place (spans), so a cell becomes a string only for an error message.
/// </summary>
public static class Cells
{
    /// <summary>Trimmed text, or null for an empty or whitespace-only cell.</summary>
    public static string? Text(string? raw)
    {
        if (raw is null) return null;
        var t = raw.Trim();
        return t.Length == 0 ? null : t;
    }

    /// <summary>Trimmed text from <paramref name="pool"/> (one string per distinct value), or null for a blank cell.</summary>
    public static string? Text(ReadOnlySpan<char> raw, TextPool pool)
    {
        var t = raw.Trim();
        return t.IsEmpty ? null : pool.Get(t);
    }

    public static string Required(string column, string? raw) =>
        Text(raw) ?? throw new BadValueException(column, raw, "a value is required but the cell is empty");

    public static string Required(string column, ReadOnlySpan<char> raw, TextPool pool) =>
        Text(raw, pool) ?? throw new BadValueException(column, raw.ToString(), "a value is required but the cell is empty");

    public static int Int(string column, string? raw) =>
        raw is null ? throw new BadValueException(column, raw, "a value is required but the cell is empty") : Int(column, raw.AsSpan());

    public static int Int(string column, ReadOnlySpan<char> raw)
    {
        var t = raw.Trim();
        if (t.IsEmpty) throw new BadValueException(column, raw.ToString(), "a value is required but the cell is empty");
        if (!int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            throw new BadValueException(column, raw.ToString(), "not a whole number");
        return v;
    }

    public static int? OptionalInt(string column, string? raw) => Text(raw) is null ? null : Int(column, raw);

    /// <summary>
    /// A DUO count: <c>-1</c> (portal) and <c>&lt;5</c> (legacy) are suppressed (null, onderdrukt); other negatives and
    /// non-integers are bad; an empty cell is a count that was not published (null, not suppressed).
    /// </summary>
    public static (int? Aantal, bool Onderdrukt) Count(string column, string? raw) => Count(column, raw.AsSpan());

    public static (int? Aantal, bool Onderdrukt) Count(string column, ReadOnlySpan<char> raw)
    {
        var t = raw.Trim();
        if (t.IsEmpty) return (null, false);
        if (t is "-1" or "<5") return (null, true);
        if (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            throw new BadValueException(column, raw.ToString(), t[0] == '-' ? "negative count (only -1 means suppressed)" : "not a whole number");
        return (v, false);
    }

    /// <summary>A decimal number in the file's convention: exactly one of <c>.</c> or <c>,</c> as decimal separator, no grouping.</summary>
    public static double? OptionalDouble(string column, string? raw, bool decimalComma)
    {
        var t = Text(raw);
        if (t is null) return null;
        var other = decimalComma ? '.' : ',';
        if (t.Contains(other))
            throw new BadValueException(column, raw, decimalComma ? "a '.' in a file that uses the decimal comma" : "a ',' in a file that uses the decimal point");
        if (decimalComma) t = t.Replace(',', '.');
        if (!double.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)
            || !double.IsFinite(v))
            throw new BadValueException(column, raw, "not a number");
        return v;
    }

    public static double? Between(string column, double? value, double min, double max) =>
        value is { } v && (v < min || v > max)
            ? throw new BadValueException(column, v.ToString(CultureInfo.InvariantCulture), $"outside {min}–{max}")
            : value;
}
