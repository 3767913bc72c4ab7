namespace Pipeline.Core.Alerts;

/// <summary>
/// A channel's address as it may be written down: scheme and host only. A Teams or Power Automate webhook carries its
/// secret in the path and query, so neither may reach a lake file (run manifest, alert state, outbox) or a log line.
/// </summary>
public static class ChannelAddress
{
    public static string Redact(Uri url) => $"{url.Scheme}://{url.Authority}";

    /// <summary><paramref name="text"/> with every spelling of <paramref name="url"/> (whole, escaped, or its path and query) redacted.</summary>
    public static string Redact(string text, Uri url)
    {
        var safe = Redact(url);
        foreach (var secret in Spellings(url).Where(s => s.Length > 1).Distinct().OrderByDescending(s => s.Length))
            text = text.Replace(secret, secret.StartsWith(safe, StringComparison.OrdinalIgnoreCase) ? safe : "/…", StringComparison.OrdinalIgnoreCase);
        return text;
    }

    private static IEnumerable<string> Spellings(Uri url)
    {
        yield return url.OriginalString;
        yield return url.AbsoluteUri;
        yield return url.ToString();
        yield return url.GetLeftPart(UriPartial.Path);
        yield return url.PathAndQuery;
        yield return Uri.UnescapeDataString(url.PathAndQuery);
        yield return url.AbsolutePath;
        yield return Uri.UnescapeDataString(url.AbsolutePath);
        if (url.Query.Length > 1) yield return url.Query;
    }
}
