namespace Pipeline.Core.Orchestration.Triggers;

/// <summary>What the nightly guard decided for one timer firing.</summary>
/// <param name="Night">The Dutch date whose run this is (the date of the last <c>NightlyTime</c> at or before now).</param>
public sealed record NightlyDecision(bool Run, DateOnly Night, DateTimeOffset Due, string Reason);

/// <summary>
/// The wall-clock guard of the nightly run: the timer fires on UTC instants; this decides which firing is the night's
/// run. Rules: the run is due at <c>NightlyTime</c> on the local wall clock; when that time does not exist (the spring
/// switch skips 02:00–03:00) it is due when the clock jumps (03:00 summer time); when it occurs twice (the autumn
/// switch) the first occurrence counts. A firing within the window after the due instant runs; a firing the platform
/// marks past due (the host was down) catches up once; a night that already ran never runs again.
/// </summary>
public static class NightlyClock
{
    public static DateTimeOffset DueInstant(DateOnly night, TimeOnly time, TimeZoneInfo zone)
    {
        var local = night.ToDateTime(time);
        if (zone.IsInvalidTime(local))
        {
            // Walk forward to the first minute that exists: the instant the clock jumps to.
            var after = local;
            while (zone.IsInvalidTime(after)) after = after.AddMinutes(1);
            return new DateTimeOffset(after, zone.GetUtcOffset(after)).ToUniversalTime();
        }
        if (zone.IsAmbiguousTime(local))
            return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max()).ToUniversalTime();
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <param name="lastNight">The night of the last run that started (null: never).</param>
    public static NightlyDecision Decide(DateTimeOffset now, DateOnly? lastNight, bool isPastDue, NightlyOptions options)
    {
        var zone = options.Zone();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var night = today;
        var due = DueInstant(night, options.NightlyTime, zone);
        if (now < due)
        {
            night = today.AddDays(-1);
            due = DueInstant(night, options.NightlyTime, zone);
        }
        if (lastNight >= night) return new(false, night, due, $"the night of {night:yyyy-MM-dd} has run already");
        if (now - due < options.NightlyWindow) return new(true, night, due, "on time");
        if (isPastDue) return new(true, night, due, $"catching up: the host missed {due:yyyy-MM-dd HH:mm}Z");
        return new(false, night, due, $"not the nightly instant (due {due:yyyy-MM-dd HH:mm}Z, window {options.NightlyWindow})");
    }
}
