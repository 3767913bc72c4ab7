using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
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
            .ConfigureAppConfiguration(c => c
                .AddConfiguration(config)
                .AddInMemoryCollection(new Dictionary<string, string?> { [LakeNameResolver.LakeConnection] = lakeRoot }))
            .ConfigureWebJobs(b =>
            {
                b.AddAzureStorageCoreServices();
                b.AddAzureStorage(queues => queues.MaxDequeueCount = settings.MaxDequeueCount);
                b.AddTimers();
            })
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
                s.AddSingleton<ITypeLocator, FunctionTypeLocator>();
                s.AddSingleton<INameResolver, LakeNameResolver>();
                s.Configure<JobHostFunctionTimeoutOptions>(o => { o.Timeout = settings.FunctionTimeout; o.ThrowOnTimeout = false; });
                s.AddPipeline(config);
            })
            .Build();
    }
}
