using System.Text.Json.Nodes;

namespace Pipeline.Tests.Functions;

/// <summary>
/// The trigger wiring the Functions host reads: <c>functions.metadata</c>, written by the worker SDK at build. The
/// host itself (Core Tools) is not available here, so this file is the proof of names, schedules, paths and connections.
/// </summary>
[TestClass]
public sealed class FunctionMetadataTests
{
    public static string BuildOutput()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        return Path.Combine(RepoRoot.Find(), "functions", "Pipeline.Functions", "bin", configuration, "net10.0");
    }

    private static Dictionary<string, JsonObject> Functions()
    {
        var file = Path.Combine(BuildOutput(), "functions.metadata");
        Assert.IsTrue(File.Exists(file), $"{file} is missing: the worker SDK writes it when functions/Pipeline.Functions builds");
        return JsonNode.Parse(File.ReadAllText(file))!.AsArray().Select(f => f!.AsObject()).ToDictionary(f => (string)f["name"]!);
    }

    private static JsonObject Trigger(JsonObject function) =>
        function["bindings"]!.AsArray().Select(b => b!.AsObject()).Single(b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal));

    [TestMethod]
    public void App_has_exactly_the_nightly_timer_and_the_two_blob_triggers()
    {
        var functions = Functions();
        CollectionAssert.AreEquivalent(new[] { "NightlyRefresh", "OnRawFile", "OnUpload" }, functions.Keys.ToArray());
        foreach (var f in functions.Values)
        {
            Assert.AreEqual("dotnet-isolated", (string?)f["language"]);
            Assert.AreEqual("Pipeline.Functions.dll", (string?)f["scriptFile"]);
        }
    }

    [TestMethod]
    public void Nightly_timer_reads_its_schedule_from_configuration()
    {
        var t = Trigger(Functions()["NightlyRefresh"]);
        Assert.AreEqual("timerTrigger", (string?)t["type"]);
        Assert.AreEqual("%Pipeline:NightlySchedule%", (string?)t["schedule"]);
    }

    [TestMethod]
    [DataRow("OnRawFile", "raw/{name}")]
    [DataRow("OnUpload", "landing/{name}")]
    public void Blob_trigger_is_event_grid_based_on_its_zone_through_the_lake_connection(string name, string path)
    {
        var t = Trigger(Functions()[name]);
        Assert.AreEqual("blobTrigger", (string?)t["type"]);
        Assert.AreEqual(path, (string?)t["path"]);
        Assert.AreEqual("EventGrid", (string?)t["source"], "Flex Consumption runs Event Grid blob triggers only");
        Assert.AreEqual("PipelineLake", (string?)t["connection"]);
    }
}
