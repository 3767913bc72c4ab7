using Microsoft.Extensions.Logging;
using Pipeline.Functions;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Functions;

[TestClass]
public sealed class HostSettingsTests
{
    [TestMethod]
    public void Repository_host_json_sets_timeout_poison_attempts_and_log_levels()
    {
        var s = HostSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));
        Assert.AreEqual(TimeSpan.FromMinutes(30), s.FunctionTimeout);
        Assert.AreEqual(3, s.MaxDequeueCount);
        Assert.AreEqual(LogLevel.Warning, s.LogLevels["Microsoft"]);
    }

    [TestMethod]
    public void Invalid_timeout_is_reported_with_the_file_and_value()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "host.json");
        File.WriteAllText(path, """{ "functionTimeout": "half an hour" }""");
        var e = Assert.ThrowsExactly<FormatException>(() => HostSettings.Load(path));
        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "half an hour");
    }

    [TestMethod]
    public void Missing_host_json_is_an_error_that_says_where_it_was_looked_for()
    {
        var e = Assert.ThrowsExactly<FileNotFoundException>(() => HostSettings.Load("/nonexistent/host.json"));
        StringAssert.Contains(e.Message, "/nonexistent/host.json");
    }
}
