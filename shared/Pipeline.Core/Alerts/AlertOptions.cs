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

    public static AlertOptions FromConfiguration(IConfiguration config)
    {
        var url = config["Alerts:Webhook:Url"];
        SmtpOptions? smtp = null;
        var host = config["Alerts:Smtp:Host"];
        if (!string.IsNullOrWhiteSpace(host))
        {
            var port = int.TryParse(config["Alerts:Smtp:Port"], out var p) ? p : 587;
            var security = Enum.TryParse<SecureSocketOptions>(config["Alerts:Smtp:Security"], ignoreCase: true, out var s) ? s : SecureSocketOptions.Auto;
            smtp = new SmtpOptions(host, port, config["Alerts:Smtp:From"] ?? "pipeline@localhost", List(config["Alerts:Smtp:To"]),
                NullIfEmpty(config["Alerts:Smtp:User"]), NullIfEmpty(config["Alerts:Smtp:Password"]), security);
        }
        return new AlertOptions
        {
            WebhookUrl = string.IsNullOrWhiteSpace(url) ? null : new Uri(url, UriKind.Absolute),
            Smtp = smtp,
            OperatorsTo = List(config["Alerts:Operators:To"]),
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
