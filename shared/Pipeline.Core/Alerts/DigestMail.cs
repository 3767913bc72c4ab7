using System.Net;
using System.Text;
using MimeKit;

namespace Pipeline.Core.Alerts;

/// <summary>
/// A digest as an e-mail: plain text and HTML (names and texts HTML-encoded, links written here), with headers
/// naming the digest and the alert and notice ids it carries.
/// </summary>
public static class DigestMail
{
    public const string DigestIdHeader = "X-Pipeline-Digest-Id";
    public const string AlertIdsHeader = "X-Pipeline-Alert-Ids";

    public static MimeMessage Create(AlertDigest d, string from, IEnumerable<string> to)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(from));
        foreach (var r in to) mail.To.Add(MailboxAddress.Parse(r));
        mail.Subject = d.Titel;
        mail.Headers.Add(DigestIdHeader, d.Id);
        var ids = d.Groups.SelectMany(g => g.Entries).Select(e => e.AlertId).Concat(d.Notices.Select(n => n.Id));
        mail.Headers.Add(AlertIdsHeader, string.Join(", ", ids));
        mail.Body = new BodyBuilder { TextBody = Text(d), HtmlBody = Html(d) }.ToMessageBody();
        return mail;
    }

    public static string Text(AlertDigest d)
    {
        var b = new StringBuilder().Append(d.Titel).Append("\n\n");
        foreach (var g in d.Groups)
        {
            b.Append($"{g.Instellingsnaam} ({g.Instellingscode}) — rapport: {g.Link}\n");
            foreach (var e in g.Entries) b.Append($"  - {Label(e)}: {e.Samenvatting}\n");
            b.Append('\n');
        }
        foreach (var n in d.Notices) b.Append($"Pipeline-melding ({n.Soort}): {n.Onderwerp}\n{n.Tekst}\n\n");
        return b.ToString();
    }

    public static string Html(AlertDigest d)
    {
        static string H(string s) => WebUtility.HtmlEncode(s);
        var b = new StringBuilder($"<html><body><h2>{H(d.Titel)}</h2>\n");
        foreach (var g in d.Groups)
        {
            b.Append($"<h3>{H(g.Instellingsnaam)} ({H(g.Instellingscode)}) — <a href=\"{H(g.Link)}\">rapport</a></h3>\n<ul>\n");
            foreach (var e in g.Entries) b.Append($"<li><strong>{Label(e)}</strong>: {H(e.Samenvatting)}</li>\n");
            b.Append("</ul>\n");
        }
        foreach (var n in d.Notices)
            b.Append($"<h3>Pipeline-melding ({H(n.Soort)}): {H(n.Onderwerp)}</h3>\n<p>{H(n.Tekst).Replace("\n", "<br>\n")}</p>\n");
        return b.Append("</body></html>\n").ToString();
    }

    private static string Label(DigestEntry e) => e.Ernst == Ernst.Kritiek ? "Kritiek" : "Waarschuwing";
}
