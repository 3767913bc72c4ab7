using Microsoft.Extensions.Configuration;
using MailKit.Security;

namespace Pipeline.Core.Alerts;

/// <summary>
/// Alert channels from configuration; each channel is on only when its keys are set. Secrets (SMTP password, the
/// webhook URL with its signature) come from configuration only: environment variables or Key Vault references.
/// </summary>
public sealed record AlertOptions
{
    public Uri? WebhookUrl { get; init; }
    public SmtpOptions? Smtp { get; init; }
    /// <summary>Recipients of operator alerts (quarantine, failed source, invalid ambitions); e-mail via <see cref="Smtp"/>.</summary>
    public IReadOnlyList<string> OperatorsTo { get; init; } = [];
    /// <summary>
    /// Where the report (<c>reports/</c>) is published, e.g. a static website; digest entries link to the institution's
    /// page under it. Without it they name the page's path in the lake (<c>reports/instelling/…</c>).
    /// </summary>
    public Uri? ReportBaseUrl { get; init; }

    public static AlertOptions FromConfiguration(IConfiguration config)
    {
        var url = config["Alerts:Webhook:Url"];
        SmtpOptions? smtp = null;
        var host = config["Alerts:Smtp:Host"];
        if (!string.IsNullOrWhiteSpace(host))
        {
            var port = 587;
            if (config["Alerts:Smtp:Port"] is { Length: > 0 } portText &&
                (!int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
                throw new InvalidOperationException($"Alerts:Smtp:Port must be a port number (1-65535), not '{portText}'.");
            var security = SecureSocketOptions.Auto;
            if (config["Alerts:Smtp:Security"] is { Length: > 0 } securityText &&
                (!Enum.TryParse(securityText, ignoreCase: true, out security) || !Enum.IsDefined(security)))
                throw new InvalidOperationException(
                    $"Alerts:Smtp:Security must be one of {string.Join(", ", Enum.GetNames<SecureSocketOptions>())}, not '{securityText}'.");
            smtp = new SmtpOptions(host, port, config["Alerts:Smtp:From"] ?? "pipeline@localhost", List(config["Alerts:Smtp:To"]),
                NullIfEmpty(config["Alerts:Smtp:User"]), NullIfEmpty(config["Alerts:Smtp:Password"]), security);
        }
        return new AlertOptions
        {
            WebhookUrl = string.IsNullOrWhiteSpace(url) ? null
                : Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "https" or "http" ? u
                : throw new InvalidOperationException("Alerts:Webhook:Url is not an absolute http(s) URL."),
            Smtp = smtp,
            OperatorsTo = List(config["Alerts:Operators:To"]),
            ReportBaseUrl = config["Alerts:ReportBaseUrl"] is not { Length: > 0 } reportBase ? null
                : Uri.TryCreate(reportBase, UriKind.Absolute, out var r) && r.Scheme is "https" or "http" ? r
                : throw new InvalidOperationException("Alerts:ReportBaseUrl is not an absolute http(s) URL."),
        };
    }

    /// <summary>Comma- or semicolon-separated addresses.</summary>
    public static IReadOnlyList<string> List(string? s) =>
        (s ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}

public sealed record SmtpOptions(
    string Host, int Port, string From, IReadOnlyList<string> To, string? User, string? Password,
    SecureSocketOptions Security = SecureSocketOptions.Auto)
{
    // The password never appears in logs or records.
    public override string ToString() => $"smtp://{Host}:{Port} from {From} to {string.Join(", ", To)}";
}
