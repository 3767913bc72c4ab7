using System.Text.Json.Nodes;

namespace Pipeline.Core.Alerts;

/// <summary>
/// A digest as a Power Automate "post card" message: one Adaptive Card, a block per institution with a link to its
/// report page, then the operator notices. Data (names, texts) is Markdown-escaped so it stays text; only the links
/// this class writes are live. Each entry's element id is <c>alert-{alert_id}</c>.
/// </summary>
public static class DigestCard
{
    public static JsonObject Message(AlertDigest d) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.card.adaptive",
            ["content"] = new JsonObject
            {
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["type"] = "AdaptiveCard",
                ["version"] = "1.4",
                ["body"] = new JsonArray(Body(d).ToArray()),
            },
        }),
    };

    private static IEnumerable<JsonNode> Body(AlertDigest d)
    {
        yield return Text(Markdown.Escape(d.Titel), bold: true, size: "Medium", color: d.Kritiek > 0 || d.Notices.Count > 0 ? "Attention" : "Warning");
        foreach (var g in d.Groups)
        {
            yield return new JsonObject
            {
                ["type"] = "Container",
                ["separator"] = true,
                ["items"] = new JsonArray(
                [
                    Text($"**{Markdown.Escape(g.Instellingsnaam)}** ({Markdown.Escape(g.Instellingscode)}) — [rapport]({LinkTarget(g.Link)})"),
                    .. g.Entries.Select(e => (JsonNode)Text(
                        $"{(e.Ernst == Ernst.Kritiek ? "Kritiek" : "Waarschuwing")}: {Markdown.Escape(e.Samenvatting)}",
                        id: "alert-" + e.AlertId, color: e.Ernst == Ernst.Kritiek ? "Attention" : "Warning")),
                ]),
            };
        }
        foreach (var n in d.Notices)
        {
            yield return Text(Markdown.Escape($"Pipeline-melding ({n.Soort}): {n.Onderwerp}"), bold: true, id: "melding-" + n.Id);
            yield return Text(Markdown.Escape(n.Tekst).Replace("\n", "\n\n"));
        }
    }

    private static JsonObject Text(string text, bool bold = false, string? size = null, string? color = null, string? id = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (id is not null) block["id"] = id;
        if (bold) block["weight"] = "Bolder";
        if (size is not null) block["size"] = size;
        if (color is not null) block["color"] = color;
        return block;
    }

    /// <summary>A link target Markdown cannot misread: no spaces or parentheses.</summary>
    private static string LinkTarget(string link) => link.Replace(" ", "%20").Replace("(", "%28").Replace(")", "%29");
}
