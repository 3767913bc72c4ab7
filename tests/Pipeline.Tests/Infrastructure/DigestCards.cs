using System.Text.Json.Nodes;
using WireMock.Server;

namespace Pipeline.Tests.Infrastructure;

/// <summary>
/// Reads digests as the channels delivered them: a WireMock webhook's Adaptive Cards (elements named
/// <c>alert-{id}</c> are the entries) and mails (the <c>X-Pipeline-Alert-Ids</c> header).
/// </summary>
public static class DigestCards
{
    /// <summary>The bodies of the posts the hook answered with 200, in order.</summary>
    public static List<JsonNode> Accepted(WireMockServer hook, string path = "/hook") => hook.LogEntries
        .Where(e => e.RequestMessage.Path == path && Equals(e.ResponseMessage.StatusCode, 200))
        .OrderBy(e => e.RequestMessage.DateTime)
        .Select(e => JsonNode.Parse(e.RequestMessage.Body!)!)
        .ToList();

    public static JsonArray Body(JsonNode card) => card["attachments"]![0]!["content"]!["body"]!.AsArray();

    /// <summary>Every element of the card, containers' items included, in document order.</summary>
    public static IEnumerable<JsonNode> Elements(JsonNode card)
    {
        IEnumerable<JsonNode> Walk(JsonArray items)
        {
            foreach (var item in items.OfType<JsonNode>())
            {
                yield return item;
                if (item["items"] is JsonArray inner)
                    foreach (var x in Walk(inner)) yield return x;
            }
        }
        return Walk(Body(card));
    }

    /// <summary>The alert ids of a digest's entries, in the card's order.</summary>
    public static List<string> AlertIds(JsonNode card) => Elements(card)
        .Select(e => (string?)e["id"]).OfType<string>().Where(id => id.StartsWith("alert-", StringComparison.Ordinal))
        .Select(id => id["alert-".Length..]).ToList();

    /// <summary>The alert ids a digest mail carries, in its order.</summary>
    public static List<string> MailAlertIds(MimeKit.MimeMessage mail) =>
        System.Text.RegularExpressions.Regex.Matches(mail.Headers[Pipeline.Core.Alerts.DigestMail.AlertIdsHeader] ?? "", "[0-9a-f]{16}")
            .Select(x => x.Value).ToList();

    /// <summary>The institution headings (the first text of each container), in the card's order.</summary>
    public static List<string> Headings(JsonNode card) => Body(card)
        .Where(e => (string?)e!["type"] == "Container").Select(e => (string)e!["items"]![0]!["text"]!).ToList();
}
