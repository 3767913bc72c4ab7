namespace Pipeline.Core.Runs;

/// <summary>
/// Bounds on every list of errors or warnings that reaches a run manifest, a quarantine reason, an alert or a log
/// line: the first <see cref="MaxItems"/> items, each at most <see cref="MaxChars"/> characters, then
/// "… and M more". A file with a million bad lines gives a manifest of a few kilobytes, not gigabytes.
/// </summary>
public static class Capped
{
    public const int MaxItems = 20;
    public const int MaxChars = 1000;

    /// <summary>The first <paramref name="max"/> items plus one "… and M more" item; enumerates without buffering the rest.</summary>
    public static IReadOnlyList<string> List(IEnumerable<string> items, int max = MaxItems, int maxChars = MaxChars)
    {
        var kept = new List<string>();
        string? spare = null;
        long more = 0;
        foreach (var item in items)
        {
            if (kept.Count < max) kept.Add(Text(item, maxChars));
            else if (more++ == 0) spare = item;
        }
        // One item over the cap is kept as it is: a capped list capped again stays the same.
        if (more == 1) kept.Add(Text(spare!, maxChars));
        else if (more > 1) kept.Add(More(more));
        return kept;
    }

    /// <summary>The items joined with <paramref name="separator"/>, capped like <see cref="List"/>.</summary>
    public static string Join(string separator, IEnumerable<string> items, int max = MaxItems, int maxChars = MaxChars) =>
        string.Join(separator, List(items, max, maxChars));

    /// <summary>At most <paramref name="max"/> characters, with the number of characters left out.</summary>
    public static string Text(string text, int max = MaxChars) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), $"… ({text.Length - max} more characters)");

    /// <summary>A multi-line text cut to its first <paramref name="maxLines"/> lines and <paramref name="maxChars"/> characters.</summary>
    public static string Lines(string text, int maxLines = 200, int maxChars = 64 * 1024)
    {
        var lines = 0;
        for (var i = 0; i < text.Length && i < maxChars; i++)
            if (text[i] == '\n' && ++lines == maxLines)
            {
                var rest = text.AsSpan(i + 1).Count('\n') + 1;
                return string.Concat(text.AsSpan(0, i + 1), More(rest));
            }
        return Text(text, maxChars);
    }

    private static string More(long count) => $"… and {count} more";
}
