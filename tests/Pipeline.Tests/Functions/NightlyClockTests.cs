using Cronos;
using Pipeline.Core.Orchestration.Triggers;

namespace Pipeline.Tests.Functions;

/// <summary>
/// The nightly run starts once per night at 02:00 Amsterdam time from a UTC timer, across the DST switches: on the
/// spring switch (02:00 does not exist) at 03:00 summer time, on the autumn switch (02:00 occurs twice) at the first 02:00.
/// </summary>
[TestClass]
public sealed class NightlyClockTests
{
    private static readonly NightlyOptions Options = new();
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>Every firing of the default UTC schedule over four days around <paramref name="day"/>, through the guard.</summary>
    private static List<DateTimeOffset> Runs(DateOnly day)
    {
        var schedule = CronExpression.Parse(Options.NightlySchedule, CronFormat.IncludeSeconds);
        var from = day.AddDays(-2).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        DateOnly? last = null;
        var runs = new List<DateTimeOffset>();
        foreach (var firing in schedule.GetOccurrences(from, from.AddDays(4), TimeZoneInfo.Utc))
        {
            // The timer fires a few seconds late in practice.
            var now = new DateTimeOffset(firing, TimeSpan.Zero).AddSeconds(3);
            var d = NightlyClock.Decide(now, last, isPastDue: false, Options);
            if (!d.Run) continue;
            runs.Add(now);
            last = d.Night;
        }
        return runs;
    }

    [TestMethod]
    [DataRow("2026-03-29", "2026-03-29T03:00:03+02:00", DisplayName = "spring 2026: 02:00 skipped, runs at 03:00 CEST")]
    [DataRow("2027-03-28", "2027-03-28T03:00:03+02:00", DisplayName = "spring 2027: 02:00 skipped, runs at 03:00 CEST")]
    [DataRow("2026-10-25", "2026-10-25T02:00:03+02:00", DisplayName = "autumn 2026: 02:00 twice, runs at the first (CEST)")]
    [DataRow("2027-10-31", "2027-10-31T02:00:03+02:00", DisplayName = "autumn 2027: 02:00 twice, runs at the first (CEST)")]
    public void Switch_night_runs_once_at_the_documented_instant_and_the_nights_around_it_at_0200(string switchDay, string expected)
    {
        var day = DateOnly.Parse(switchDay, System.Globalization.CultureInfo.InvariantCulture);
        var runs = Runs(day);
        var local = runs.Select(r => TimeZoneInfo.ConvertTime(r, Amsterdam)).ToList();

        Assert.HasCount(4, runs, "one run per night: " + string.Join(", ", local.Select(l => l.ToString("yyyy-MM-dd HH:mm zzz"))));
        Assert.AreEqual(4, local.Select(l => l.Date).Distinct().Count(), "never two runs on one night");
        Assert.AreEqual(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), local.Single(l => DateOnly.FromDateTime(l.Date) == day));
        foreach (var l in local.Where(l => DateOnly.FromDateTime(l.Date) != day))
            Assert.AreEqual(new TimeSpan(2, 0, 3), l.TimeOfDay, $"{l:yyyy-MM-dd}: 02:00 Dutch time");
    }

    [TestMethod]
    public void Winter_and_summer_nights_run_at_0200_local_which_are_different_UTC_hours()
    {
        Assert.AreEqual(new DateTimeOffset(2026, 1, 15, 1, 0, 0, TimeSpan.Zero), NightlyClock.DueInstant(new DateOnly(2026, 1, 15), Options.NightlyTime, Amsterdam));
        Assert.AreEqual(new DateTimeOffset(2026, 7, 15, 0, 0, 0, TimeSpan.Zero), NightlyClock.DueInstant(new DateOnly(2026, 7, 15), Options.NightlyTime, Amsterdam));
    }

    [TestMethod]
    public void Past_due_firing_after_missed_nights_catches_up_once_and_not_again_that_night()
    {
        var lastRun = new DateOnly(2026, 11, 20);
        var restart = new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);
        var first = NightlyClock.Decide(restart, lastRun, isPastDue: true, Options);
        Assert.IsTrue(first.Run, first.Reason);
        Assert.AreEqual(new DateOnly(2026, 11, 24), first.Night);
        StringAssert.Contains(first.Reason, "catching up");

        var again = NightlyClock.Decide(restart.AddMinutes(5), first.Night, isPastDue: true, Options);
        Assert.IsFalse(again.Run, "the night already ran");
    }

    [TestMethod]
    public void Off_schedule_firing_that_is_not_past_due_does_not_run()
    {
        // 00:00 UTC in winter is 01:00 local: the other of the two daily firings.
        var d = NightlyClock.Decide(new DateTimeOffset(2026, 12, 2, 0, 0, 2, TimeSpan.Zero), new DateOnly(2026, 12, 1), isPastDue: false, Options);
        Assert.IsFalse(d.Run);
        StringAssert.Contains(d.Reason, "has run already");
        var fresh = NightlyClock.Decide(new DateTimeOffset(2026, 12, 2, 0, 0, 2, TimeSpan.Zero), null, isPastDue: false, Options);
        Assert.IsFalse(fresh.Run, "a new deployment does not run at 01:00 local: " + fresh.Reason);
    }

    [TestMethod]
    public void Unknown_time_zone_is_an_error_naming_the_key()
    {
        var bad = new NightlyOptions { TimeZone = "Europe/Amsterdan" };
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => NightlyClock.Decide(DateTimeOffset.UtcNow, null, false, bad));
        StringAssert.Contains(e.Message, "Pipeline:TimeZone");
    }
}
