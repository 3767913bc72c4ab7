using Microsoft.Extensions.Configuration;

namespace Pipeline.Functions;

/// <summary>
/// The WebJobs timer evaluates cron schedules in the process's local time zone, so "0 0 2 * * *" means 02:00 on the
/// wall clock of wherever the host runs. We make that the Dutch wall clock: unless the platform already set one
/// (<c>TZ</c>, or App Service's <c>WEBSITE_TIME_ZONE</c>), the host sets <c>TZ</c> from <c>Pipeline:TimeZone</c>
/// (default Europe/Amsterdam) before anything reads the local zone. The run follows daylight saving: 02:00 CET in
/// winter (01:00 UTC) and 02:00 CEST in summer (00:00 UTC).
/// </summary>
public static class HostTimeZone
{
    public const string Default = "Europe/Amsterdam";

    /// <summary>Which zone to set, or null when the platform has chosen one already.</summary>
    public static string? Choose(IConfiguration config, Func<string, string?> environment)
    {
        if (!string.IsNullOrEmpty(environment("TZ"))) return null;
        if (environment("WEBSITE_TIME_ZONE") is { Length: > 0 } website) return website;
        return config["Pipeline:TimeZone"] is { Length: > 0 } configured ? configured : Default;
    }

    public static void Apply(IConfiguration config)
    {
        var zone = Choose(config, Environment.GetEnvironmentVariable);
        if (zone is null) return;
        // Fails early and clearly for a zone this machine does not know (tzdata missing or a typo).
        TimeZoneInfo.FindSystemTimeZoneById(zone);
        Environment.SetEnvironmentVariable("TZ", zone);
        TimeZoneInfo.ClearCachedData();
    }
}
