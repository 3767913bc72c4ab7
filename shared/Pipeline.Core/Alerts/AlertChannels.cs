using System.Net.Http.Json;
using MailKit.Net.Smtp;

namespace Pipeline.Core.Alerts;

/// <summary>One way out for alert digests. A thrown exception means "not delivered": the digest stays in the outbox.</summary>
public interface IAlertChannel
{
    /// <summary>Stable name: the outbox keys pending messages by it.</summary>
    string Name { get; }

    /// <summary>True for the operators' channel (operator alerts only); false for the directie mbo channels.</summary>
    bool ForOperators { get; }

    Task SendAsync(AlertDigest digest, CancellationToken ct);

    /// <summary>
    /// <paramref name="text"/> (an error message) without the channel's secrets, fit for the lake and the log:
    /// a webhook's URL keeps only its scheme and host.
    /// </summary>
    string Redact(string text) => text;
}

/// <summary>
/// A Teams / Power Automate incoming webhook: one Adaptive Card per digest (<see cref="DigestCard"/>). The URL's path
/// and query are its secret (the signature); only <see cref="ChannelAddress.Redact(Uri)"/> of it ever appears in a message.
/// </summary>
public sealed class WebhookChannel(HttpClient http, Uri url) : IAlertChannel
{
    public string Name => "webhook";
    public bool ForOperators => false;

    public async Task SendAsync(AlertDigest digest, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(url, DigestCard.Message(digest), ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Webhook {ChannelAddress.Redact(url)} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
    }

    public string Redact(string text) => ChannelAddress.Redact(text, url);
}

/// <summary>E-mail over SMTP with MailKit: one message per digest (<see cref="DigestMail"/>) to a fixed recipient list.</summary>
public sealed class SmtpChannel(SmtpOptions options, IReadOnlyList<string> to, string name, bool forOperators) : IAlertChannel
{
    public string Name => name;
    public bool ForOperators => forOperators;

    public async Task SendAsync(AlertDigest digest, CancellationToken ct)
    {
        using var mail = DigestMail.Create(digest, options.From, to);
        using var client = new SmtpClient();
        await client.ConnectAsync(options.Host, options.Port, options.Security, ct);
        if (options.User is not null)
            await client.AuthenticateAsync(options.User, options.Password ?? "", ct);
        await client.SendAsync(mail, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

public static class AlertChannelFactory
{
    /// <summary>The channels that configuration switches on.</summary>
    public static IReadOnlyList<IAlertChannel> Create(AlertOptions options, HttpClient http)
    {
        var channels = new List<IAlertChannel>();
        if (options.WebhookUrl is not null) channels.Add(new WebhookChannel(http, options.WebhookUrl));
        if (options.Smtp is { } smtp)
        {
            if (smtp.To.Count > 0) channels.Add(new SmtpChannel(smtp, smtp.To, "email", forOperators: false));
            if (options.OperatorsTo.Count > 0) channels.Add(new SmtpChannel(smtp, options.OperatorsTo, "operators", forOperators: true));
        }
        return channels;
    }
}
