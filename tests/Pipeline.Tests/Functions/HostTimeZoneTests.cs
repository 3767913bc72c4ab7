using Microsoft.Extensions.Configuration;
using Pipeline.Functions;

namespace Pipeline.Tests.Functions;

[TestClass]
public sealed class HostTimeZoneTests
{
    private static IConfiguration Config(string? zone) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Pipeline:TimeZone"] = zone }).Build();

    [TestMethod]
    public void Dutch_time_is_the_default_when_the_platform_sets_no_zone() =>
        Assert.AreEqual("Europe/Amsterdam", HostTimeZone.Choose(Config(null), _ => null));

    [TestMethod]
    public void An_explicit_TZ_wins_over_configuration() =>
        Assert.IsNull(HostTimeZone.Choose(Config("Europe/London"), v => v == "TZ" ? "UTC" : null));

    [TestMethod]
    public void App_Service_WEBSITE_TIME_ZONE_is_honoured() =>
        Assert.AreEqual("Europe/Brussels", HostTimeZone.Choose(Config("Europe/London"), v => v == "WEBSITE_TIME_ZONE" ? "Europe/Brussels" : null));

    [TestMethod]
    public void Configured_zone_is_used_when_the_platform_is_silent() =>
        Assert.AreEqual("Europe/London", HostTimeZone.Choose(Config("Europe/London"), _ => null));

    [TestMethod]
    public void Two_oclock_Dutch_time_is_one_utc_in_winter_and_midnight_utc_in_summer()
    {
        var amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        Assert.AreEqual(new DateTime(2026, 1, 15, 1, 0, 0), TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 1, 15, 2, 0, 0), amsterdam));
        Assert.AreEqual(new DateTime(2026, 7, 15, 0, 0, 0), TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 7, 15, 2, 0, 0), amsterdam));
    }
}
