using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Pipeline.Core.Lake;
using Pipeline.Core.Orchestration;

namespace Pipeline.Tests.Infra;

/// <summary>
/// The alert rules on the nightly run, and the contract they depend on: the log lines PipelineService writes.
/// </summary>
[TestClass]
public sealed class AlertRuleTemplateTests
{
    private static List<ArmResource> Rules => ArmTemplate.Main.OfType("Microsoft.Insights/scheduledQueryRules").ToList();

    /// <summary>The KQL text of the alerts module (its variables hold the queries).</summary>
    private static string Queries => Rules[0].Template["variables"]!.ToJsonString();

    private static string QueryRegex(string marker)
    {
        var text = string.Join("\n", Rules[0].Template["variables"]!.AsObject().Select(v => (string?)v.Value ?? ""));
        var m = Regex.Match(text, "extract\\(@\"([^\"]*" + Regex.Escape(marker) + "[^\"]*)\"");
        Assert.IsTrue(m.Success, $"no extract(@\"…{marker}…\") in the alert queries");
        return m.Groups[1].Value;
    }

    [TestMethod]
    public void NightlyRun_HasOneRuleForFailure_AndOneForAbsence()
    {
        Assert.HasCount(2, Rules);
        var byOperator = Rules.ToDictionary(r => (string)r.Get("properties.criteria")!["allOf"]!.AsArray()[0]!["operator"]!);
        Assert.AreEqual(0, byOperator["GreaterThan"].Get("properties.criteria")!["allOf"]![0]!["threshold"]!.GetValue<int>(), "any failed nightly run fires");
        Assert.AreEqual(1, byOperator["LessThan"].Get("properties.criteria")!["allOf"]![0]!["threshold"]!.GetValue<int>(), "no successful nightly run fires");
        foreach (var r in Rules)
        {
            Assert.IsTrue(r.Get("properties.enabled")!.GetValue<bool>());
            Assert.AreEqual("[parameters('logAnalyticsId')]", (string?)r.Get("properties.scopes")!.AsArray()[0], "rules query the Log Analytics workspace");
        }
        StringAssert.Contains(Queries, "started by timer");
        // The function app's telemetry in the workspace-based Application Insights tables, not container console logs.
        StringAssert.Contains(Queries, "AppTraces");
        StringAssert.Contains(Queries, "AppRequests");
        StringAssert.Contains(Queries, "NightlyRefresh");
        Assert.DoesNotContain("ContainerApp", Queries);
    }

    [TestMethod]
    public void Rules_NotifyTheActionGroup_WhenAnAddressIsGiven()
    {
        var group = ArmTemplate.Main.Single("Microsoft.Insights/actionGroups", _ => true, "action group");
        Assert.AreEqual("[not(empty(parameters('alertEmail')))]", (string?)group.Node["condition"]);
        foreach (var r in Rules)
            StringAssert.Contains(r.Get("properties.actions")?.ToJsonString() ?? "", "Microsoft.Insights/actionGroups");
    }

    [TestMethod]
    public async Task AlertQueries_MatchTheLogLinesOfANightlyRun()
    {
        // A real refresh on a real (temporary) lake, triggered the way the timer triggers it.
        var dir = Directory.CreateTempSubdirectory("infra-alert-contract-");
        try
        {
            var log = new CapturingLogger<PipelineService>();
            var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lake:Root"] = dir.FullName }).Build();
            await using var services = new ServiceCollection()
                .AddLogging()
                .AddPipeline(config, Path.Combine(AppContext.BaseDirectory, "samples"))
                .AddSingleton<ILogger<PipelineService>>(log)
                .BuildServiceProvider();
            var manifest = await services.GetRequiredService<PipelineService>().RefreshAsync("timer");

            var started = log.Lines.Select(l => Regex.Match(l, QueryRegex("started by timer"))).FirstOrDefault(m => m.Success);
            Assert.IsNotNull(started, "the 'started by timer' line the alert queries look for; lines: " + string.Join(" | ", log.Lines));
            Assert.AreEqual(manifest.RunId, started.Groups[1].Value);

            // The end-of-run line matches the rule for its outcome: "succeeded" or "failed".
            var outcome = QueryRegex(manifest.Outcome);
            Assert.IsTrue(log.Lines.Any(l => Regex.Match(l, outcome) is { Success: true } m && m.Groups[1].Value == manifest.RunId),
                $"no line matches {outcome}; lines: " + string.Join(" | ", log.Lines));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Keeps the formatted messages, as the console logger would print them.</summary>
    private sealed class CapturingLogger<T> : ILogger<T>
    {
        public List<string> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines) Lines.Add(formatter(state, exception));
        }
    }
}
