using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Functions;

namespace Pipeline.Tests.Functions;

/// <summary>A bad setting stops the function app (and the CLI, which composes the same services) at start, naming its key.</summary>
[TestClass]
public sealed class FunctionAppStartupTests
{
    [TestMethod]
    [DataRow("Alerts:Smtp:Port", "5x7")]
    [DataRow("Alerts:Smtp:Port", "70000")]
    [DataRow("Alerts:Smtp:Security", "Tls")]
    [DataRow("Alerts:Webhook:Url", "hooks.example.org/x")]
    [DataRow("Silver:MaxBadRowFraction", "2")]
    [DataRow("Pipeline:Freshness:MaxConsecutiveFailures", "0")]
    public void Bad_setting_fails_composition_naming_the_key(string key, string value)
    {
        var config = new ConfigurationBuilder().AddPipelineDefaults().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Lake:Root"] = Path.Combine(Path.GetTempPath(), "unused-lake"),
            ["Alerts:Smtp:Host"] = "smtp.example.org",
            [key] = value,
        }).Build();
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => new ServiceCollection().AddLogging().AddFunctionApp(config));
        StringAssert.Contains(e.Message, key);
    }
}
