using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Pipeline.Tests.Functions;

/// <summary>
/// The deployed artifact (<c>dotnet publish</c> of the function app): what the Functions host needs is there, and none
/// of the deprecated storage libraries the WebJobs SDK 3 host pulled in.
/// </summary>
[TestClass]
public sealed class FunctionPublishTests
{
    private static string _output = "";

    [ClassInitialize]
    public static void Publish(TestContext _)
    {
        _output = Path.Combine(Path.GetTempPath(), "pipeline-publish-" + Guid.NewGuid().ToString("N")[..8]);
        var configuration = Path.GetFileName(Path.GetDirectoryName(FunctionMetadataTests.BuildOutput()))!;
        // --no-build: the artifact of the build the tests run on, as CI publishes it.
        var psi = new ProcessStartInfo("dotnet", ["publish", Path.Combine(RepoRoot.Find(), "functions", "Pipeline.Functions"), "-c", configuration, "--no-build", "-o", _output, "--nologo"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var log = p.StandardOutput.ReadToEndAsync();
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.AreEqual(0, p.ExitCode, $"dotnet publish failed: {log.Result}{err}");
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        if (Directory.Exists(_output)) Directory.Delete(_output, recursive: true);
    }

    [TestMethod]
    public void Artifact_holds_the_worker_and_what_the_host_reads()
    {
        foreach (var file in new[] { "Pipeline.Functions.dll", "Pipeline.Core.dll", "functions.metadata", "worker.config.json", "host.json", "extensions.json", "appsettings.json" })
            Assert.IsTrue(File.Exists(Path.Combine(_output, file)), $"{file} is missing from the publish output");
        var worker = JsonNode.Parse(File.ReadAllText(Path.Combine(_output, "worker.config.json")))!["description"]!;
        Assert.AreEqual("dotnet-isolated", (string?)worker["language"]);
        Assert.AreEqual("Pipeline.Functions.dll", (string?)worker["defaultWorkerPath"]);
        Assert.IsFalse(File.Exists(Path.Combine(_output, "local.settings.json")), "local settings never ship");
    }

    [TestMethod]
    public void Host_side_blob_extension_is_the_identity_capable_5x()
    {
        var extensions = JsonNode.Parse(File.ReadAllText(Path.Combine(_output, "extensions.json")))!["extensions"]!.AsArray();
        var blobs = extensions.Select(e => (string)e!["typeName"]!).Single(t => t.Contains("Microsoft.Azure.WebJobs.Extensions.Storage.Blobs,", StringComparison.Ordinal));
        StringAssert.Contains(blobs, "Version=5.");
        foreach (var e in extensions)
            Assert.IsTrue(File.Exists(Path.Combine(_output, (string)e!["hintPath"]!)), $"{e["hintPath"]} is missing");
    }

    [TestMethod]
    public void Artifact_holds_no_deprecated_storage_assembly()
    {
        var deprecated = Directory.EnumerateFiles(_output, "*.dll", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .Where(f => f!.StartsWith("Microsoft.WindowsAzure.Storage", StringComparison.OrdinalIgnoreCase)
                        || f.StartsWith("WindowsAzure.Storage", StringComparison.OrdinalIgnoreCase)
                        || f.StartsWith("Microsoft.Azure.Storage.", StringComparison.OrdinalIgnoreCase)
                        || f.StartsWith("Microsoft.Azure.Cosmos.Table", StringComparison.OrdinalIgnoreCase)
                        || f.StartsWith("Microsoft.Azure.DocumentDB", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.IsEmpty(deprecated, "deprecated storage assemblies in the artifact: " + string.Join(", ", deprecated));
    }
}
