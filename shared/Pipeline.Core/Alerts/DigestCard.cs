using System.Text.Json.Nodes;

namespace Pipeline.Core.Alerts;

/// <summary>
/// A digest as a Power Automate "post card" message: one Adaptive Card, a block per institution with a link to its
/// report page, then the operator notices. Data (names, texts) is Markdown-escaped so it stays text; only the links
/// this class writes are live. Each entry's element id is <c>alert-{alert_id}</c>. Teams refuses a message over about
/// 28 KB ("413 Request Entity Too Large"), and a first national run has well over a hundred alerts: past
/// <see cref="MaxBytes"/> the card keeps the institutions that fit, whole and in the digest's order (most severe
/// first), and ends with how many alerts and institutions it left out and a link to the report's overview.
/// </summary>
public static class DigestCard
{
    /// <summary>The most a card may take as UTF-8 JSON: under Teams' 28 KB, with room for the platform's own wrapping.</summary>
    public const int MaxBytes = 24 * 1024;

    public static JsonObject Message(AlertDigest d, int maxBytes = MaxBytes)
    {
        var groups = d.Groups;
        var blocks = groups.Select(Block).ToList();
        // Compact JSON: the card is its frame (title and notices) plus each block and its comma, so each is sized once.
        var frame = Size(Card([Title(d), .. Notices(d)]));
        var sizes = blocks.Select(b => Size(b) + 1).ToList();
        if (frame + sizes.Sum() <= maxBytes) return Card([Title(d), .. blocks, .. Notices(d)]);

        // The institutions that fit beside the frame and the closing note (sized for the longest it can be). Notices are
        // never cut; they go to the operators' e-mail in every configuration the app builds.
        var room = maxBytes - frame - Size(LeftOut(groups, 0)) - 1;
        var kept = 0;
        for (var used = 0; kept < blocks.Count && used + sizes[kept] <= room; kept++) used += sizes[kept];
        return Card([Title(d), .. blocks.Take(kept), LeftOut(groups, kept), .. Notices(d)]);
    }

    /// <summary>The card around <paramref name="body"/>: nodes made for it, as a node belongs to one parent.</summary>
    private static JsonObject Card(IEnumerable<JsonNode> body) => new()
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
                ["body"] = new JsonArray(body.ToArray()),
            },
        }),
    };

    private static JsonNode Title(AlertDigest d) =>
        Text(Markdown.Escape(d.Titel), bold: true, size: "Medium", color: d.Kritiek > 0 || d.Notices.Count > 0 ? "Attention" : "Warning");

    private static JsonNode Block(DigestGroup g) => new JsonObject
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

    private static IEnumerable<JsonNode> Notices(AlertDigest d) => d.Notices.SelectMany(n => new[]
    {
        Text(Markdown.Escape($"Pipeline-melding ({n.Soort}): {n.Onderwerp}"), bold: true, id: "melding-" + n.Id),
        Text(Markdown.Escape(n.Tekst).Replace("\n", "\n\n")),
    });

    /// <summary>What the card leaves out of <paramref name="groups"/> after the first <paramref name="kept"/>, and where to find it.</summary>
    private static JsonNode LeftOut(IReadOnlyList<DigestGroup> groups, int kept)
    {
        var rest = groups.Skip(kept).ToList();
        var alerts = rest.Sum(g => g.Entries.Count);
        var overview = groups.Select(g => ReportLinks.OverviewNextTo(g.Link, g.Instellingscode)).FirstOrDefault(o => o is not null);
        return Text($"Nog {alerts} {(alerts == 1 ? "melding" : "meldingen")} bij {rest.Count} {(rest.Count == 1 ? "instelling" : "instellingen")} " +
                    $"{(alerts == 1 ? "past" : "passen")} niet in dit bericht (Teams neemt berichten tot ongeveer 28 KB aan). Alle meldingen staan in " +
                    (overview is null ? "het rapport" : $"het [rapport]({LinkTarget(overview)})") + " en in de tabel gold/alerts.",
            id: "weggelaten", color: "Attention");
    }

    private static int Size(JsonNode node) => System.Text.Encoding.UTF8.GetByteCount(node.ToJsonString());

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
