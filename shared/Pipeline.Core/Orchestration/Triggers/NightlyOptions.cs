using System.ComponentModel.DataAnnotations;

namespace Pipeline.Core.Orchestration.Triggers;

/// <summary>
/// When the nightly refresh runs (<c>Pipeline:*</c>). The timer fires on a UTC schedule (<see cref="Schedule"/>, by
/// default at 00:00 and 01:00 UTC: 02:00 Dutch summer and winter time); <see cref="NightlyClock"/> lets exactly one
/// firing per Dutch night through. No plan setting (<c>WEBSITE_TIME_ZONE</c>, <c>TZ</c>) is involved.
/// </summary>
public sealed class NightlyOptions
{
    public const string Section = "Pipeline";
    public const string ScheduleKey = "Pipeline:NightlySchedule";

    /// <summary>NCRONTAB (six fields, UTC) of the timer; it must fire at the UTC instants of <see cref="NightlyTime"/> in both seasons.</summary>
    [Required] public string NightlySchedule { get; set; } = "0 0 0,1 * * *";

    /// <summary>IANA zone whose wall clock <see cref="NightlyTime"/> is read in.</summary>
    [Required] public string TimeZone { get; set; } = "Europe/Amsterdam";

    /// <summary>Wall-clock time of the run.</summary>
    public TimeOnly NightlyTime { get; set; } = new(2, 0);

    /// <summary>How late after <see cref="NightlyTime"/> a firing still counts as on time (timer jitter, a slow cold start).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "12:00:00")]
    public TimeSpan NightlyWindow { get; set; } = TimeSpan.FromMinutes(30);

    public TimeZoneInfo Zone() =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone)
            ? zone
            : throw new InvalidOperationException($"Pipeline:TimeZone '{TimeZone}' is not a time zone this machine knows (IANA name, e.g. Europe/Amsterdam).");
}
