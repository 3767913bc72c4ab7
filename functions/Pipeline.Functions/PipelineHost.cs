using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Azure.WebJobs.Host.Executors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Core.Lake;
using Pipeline.Core.Orchestration;

namespace Pipeline.Functions;

/// <summary>Builds the WebJobs SDK host (the trigger engine under Azure Functions) around the Core services.</summary>
public static class PipelineHost
{
    /// <summary>
    /// The storage extension 4.x stops its shared blob queue listener once per blob-triggered function and throws
    /// "The timer has already been stopped" on the second stop, after everything is stopped: harmless at shutdown.
    /// </summary>
    public static bool IsKnownShutdownError(Exception e) =>
        e is InvalidOperationException && e.Message.Contains("timer has already been stopped", StringComparison.Ordinal);

    public static IHost Build(IConfiguration config, string hostJsonPath)
    {
        var settings = HostSettings.Load(hostJsonPath);
        var lakeRoot = config["Lake:Root"] ?? "";
        if (!LakeFactory.IsConnectionString(lakeRoot))
            throw new InvalidOperationException(
                $"'pipeline host' needs the lake on Blob Storage: blob triggers watch its containers. Lake:Root is '{lakeRoot}'; " +
                "set it (or --lake) to a storage connection string, e.g. Azurite's from scripts/azurite.sh start.");
        if (string.IsNullOrWhiteSpace(config["AzureWebJobsStorage"]))
            throw new InvalidOperationException(
                "'pipeline host' needs AzureWebJobsStorage (leases, timer status, blob receipts): set it to a storage " +
                "connection string (Azurite locally: scripts/azurite.sh start prints one).");

        return new HostBuilder()
            .UseContentRoot(AppContext.BaseDirectory)
            // After ConfigureWebJobs: it adds appsettings.json and environment variables of its own, and the
            // configuration we were given (which already layers those under --lake and test overrides) must win.
            .ConfigureWebJobs(b =>
            {
                b.AddAzureStorageCoreServices();
                b.AddAzureStorage(queues => queues.MaxDequeueCount = settings.MaxDequeueCount);
                b.AddTimers();
            })
            .ConfigureAppConfiguration(c => c
                .AddConfiguration(config)
                .AddInMemoryCollection(new Dictionary<string, string?> { [LakeNameResolver.LakeConnection] = lakeRoot }))
            .ConfigureLogging(l =>
            {
                l.ClearProviders();
                l.AddSimpleConsole(o => { o.SingleLine = true; o.IncludeScopes = true; o.TimestampFormat = "HH:mm:ss "; });
                foreach (var (category, level) in settings.LogLevels)
                    if (category.Equals("default", StringComparison.OrdinalIgnoreCase)) l.SetMinimumLevel(level);
                    else l.AddFilter(category, level);
            })
            .ConfigureServices(s =>
            {
                s.AddPipelineTelemetry(config);
                s.AddSingleton<ITypeLocator, FunctionTypeLocator>();
                s.AddSingleton<LakeNameResolver>();
                s.AddSingleton<INameResolver>(sp => sp.GetRequiredService<LakeNameResolver>());
                s.Configure<JobHostFunctionTimeoutOptions>(o => { o.Timeout = settings.FunctionTimeout; o.ThrowOnTimeout = false; });
                s.AddPipeline(config);
                // Hosts sharing one AzureWebJobsStorage and one host id share singleton locks (the nightly timer runs once).
                if (config["Pipeline:HostId"] is { Length: > 0 } hostId)
                    s.AddSingleton<IHostIdProvider>(new FixedHostIdProvider(hostId));
            })
            .Build();
    }
}
