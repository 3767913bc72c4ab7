using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Pipeline.Tests.Infra;

/// <summary>
/// How blob events reach the function app: the Event Grid system topic on the lake (infra/modules/eventgrid.bicep) and
/// the two subscriptions infra/hooks/postdeploy.sh makes after `azd deploy` (the blobs extension key exists only once
/// the code runs). The hook is run here against a stand-in <c>az</c> that records its calls.
/// </summary>
[TestClass]
public sealed partial class EventGridTemplateTests
{
    private static string Hook => Path.Combine(RepoRoot.Dir, "infra", "hooks", "postdeploy.sh");

    [TestMethod]
    public void SystemTopic_IsOnTheLakeAccount()
    {
        var topic = ArmTemplate.Main.Single("Microsoft.EventGrid/systemTopics", _ => true, "lake system topic");
        Assert.AreEqual("Microsoft.Storage.StorageAccounts", (string?)topic.Get("properties.topicType"));
        Assert.AreEqual("[parameters('lakeAccountId')]", (string?)topic.Get("properties.source"));
        StringAssert.Contains((string?)ArmTemplate.Main.ModuleParameter(topic, "lakeAccountId") ?? "", "reference('lake').outputs.id");
        Assert.IsEmpty(ArmTemplate.Main.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions").ToList(),
            "the subscriptions are made by infra/hooks/postdeploy.sh, after the code (and so the webhook key) exists");
    }

    [TestMethod]
    public void AzureYaml_DeploysAFunctionApp_AndRunsThePostdeployHook()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoRoot.Dir, "azure.yaml"));
        StringAssert.Contains(yaml, "project: ./functions/Pipeline.Functions");
        StringAssert.Contains(yaml, "language: dotnet");
        StringAssert.Contains(yaml, "host: function");
        Assert.DoesNotContain("containerapp", yaml);
        Assert.DoesNotContain("docker:", yaml);
        Assert.IsTrue(PostdeployHook().IsMatch(yaml), "azure.yaml runs infra/hooks/postdeploy.sh as the postdeploy hook");
    }

    [TestMethod]
    public void PostdeployHook_SubscribesRawAndLanding_ToTheBlobsExtensionWebhook()
    {
        var calls = RunHook();

        var keyQueries = calls.Where(c => c.StartsWith("functionapp keys list", StringComparison.Ordinal)).ToList();
        Assert.IsNotEmpty(keyQueries);
        StringAssert.Contains(keyQueries[0], "systemKeys.blobs_extension");

        var subscriptions = calls.Where(c => c.StartsWith("eventgrid system-topic event-subscription create", StringComparison.Ordinal)).ToList();
        Assert.HasCount(2, subscriptions);
        foreach (var (container, function) in new[] { ("raw", "OnRawFile"), ("landing", "OnUpload") })
        {
            var matching = subscriptions.Where(c => c.Contains($"--subject-begins-with /blobServices/default/containers/{container}/ ", StringComparison.Ordinal)).ToList();
            Assert.HasCount(1, matching, $"one subscription filtered on {container}/");
            var call = matching[0];
            StringAssert.Contains(call, "--resource-group rg-test ");
            StringAssert.Contains(call, "--system-topic-name evgt-lake-test ");
            StringAssert.Contains(call, "--endpoint-type webhook ");
            StringAssert.Contains(call, "--included-event-types Microsoft.Storage.BlobCreated ");
            StringAssert.Contains(call, "--advanced-filter data.api StringNotIn CreateFile ", "ADLS Gen2's empty CreateFile event starts no trigger");
            StringAssert.Contains(call,
                $"--endpoint https://func-test.westeurope-01.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.{function}&code=test-blobs-key ");
            Assert.AreEqual(container == "raw", call.Contains("--advanced-filter subject StringNotEndsWith .json ", StringComparison.Ordinal),
                "only raw/ holds sidecars, and their events start no trigger");
        }
    }

    [TestMethod]
    public void PostdeployHook_RefusesToRun_WithoutTheProvisionOutputs()
    {
        var (exitCode, calls, stderr) = Run(new Dictionary<string, string?> { ["LAKE_EVENTGRID_TOPIC_NAME"] = null });
        Assert.AreNotEqual(0, exitCode);
        StringAssert.Contains(stderr, "LAKE_EVENTGRID_TOPIC_NAME");
        Assert.IsEmpty(calls, "no az call before the outputs are known");
    }

    private static List<string> RunHook()
    {
        var (exitCode, calls, stderr) = Run([]);
        Assert.AreEqual(0, exitCode, stderr);
        return calls;
    }

    /// <summary>Runs the hook with a stand-in <c>az</c> first on PATH; returns its exit code, the az calls (arguments
    /// joined by spaces, with a trailing space) and stderr.</summary>
    private static (int ExitCode, List<string> Calls, string Stderr) Run(Dictionary<string, string?> overrides)
    {
        var dir = Directory.CreateTempSubdirectory("infra-postdeploy-");
        try
        {
            var log = Path.Combine(dir.FullName, "az.log");
            var az = Path.Combine(dir.FullName, "az");
            File.WriteAllText(az, $$"""
                #!/bin/sh
                line=""
                for a in "$@"; do line="$line$a "; done
                printf '%s\n' "$line" >> '{{log}}'
                case "$1 $2 $3" in
                  "functionapp keys list") echo test-blobs-key ;;
                  "functionapp show -n") echo func-test.westeurope-01.azurewebsites.net ;;
                esac
                """.Replace("\r\n", "\n"));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            var start = new ProcessStartInfo("sh", [Hook]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoRoot.Dir };
            start.Environment["PATH"] = dir.FullName + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
            start.Environment["AZURE_RESOURCE_GROUP"] = "rg-test";
            start.Environment["AZURE_FUNCTION_APP_NAME"] = "func-test";
            start.Environment["AZURE_FUNCTION_APP_HOSTNAME"] = "func-test.westeurope-01.azurewebsites.net";
            start.Environment["LAKE_EVENTGRID_TOPIC_NAME"] = "evgt-lake-test";
            foreach (var (name, value) in overrides)
                if (value is null) start.Environment.Remove(name); else start.Environment[name] = value;

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(60_000)) { process.Kill(entireProcessTree: true); Assert.Fail("postdeploy.sh did not finish in 60 s"); }
            _ = stdout.Result;
            var calls = File.Exists(log) ? File.ReadAllLines(log).ToList() : [];
            return (process.ExitCode, calls, stderr);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"postdeploy:\s*\n(\s+.*\n)*?\s+run:\s*\./infra/hooks/postdeploy\.sh")]
    private static partial Regex PostdeployHook();
}
