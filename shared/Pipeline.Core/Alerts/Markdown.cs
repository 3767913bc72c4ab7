namespace Pipeline.Core.Alerts;

/// <summary>
/// Text for an Adaptive Card, which renders Markdown: data (an institution name such as <c>[x](y)</c>) must stay text,
/// never become a live link or formatting. Every Markdown punctuation character gets a backslash.
/// </summary>
public static class Markdown
{
    private const string Special = "\\`*_{}[]()<>#+!|~";

    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny(Special) < 0) return text;
        var sb = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (Special.Contains(c)) sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}
