using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Pipeline.Core.Alerts;
using Pipeline.Core.Gold;
using Pipeline.Core.Lake;
using Pipeline.Core.Orchestration.Triggers;
using Pipeline.Core.Runs;
using Pipeline.Core.Silver;
using Pipeline.Core.Sources;

namespace Pipeline.Core.Orchestration;

/// <summary>Names this process in run manifests (<c>Pipeline:InstanceName</c>).</summary>
public sealed record PipelineInstance(string Name);

/// <summary>The services of the pipeline, shared by the function host and the command-line verbs.</summary>
public static class PipelineComposition
{
    public const string AlertsHttpClient = "alerts";

    /// <param name="samplesDirectory">Answer the source clients from these snapshots instead of the network (<c>refresh --sample</c>).</param>
    public static IServiceCollection AddPipeline(this IServiceCollection services, IConfiguration config, string? samplesDirectory = null)
    {
        // Settings are read and checked here, when the host or verb composes its services, so a bad value stops the
        // start naming its key instead of surfacing in the first night's run (or silently falling back to a default).
        var silver = SilverOptions.FromConfiguration(config);
        var freshness = FreshnessOptions.FromConfiguration(config);
        var alerts = AlertOptions.FromConfiguration(config);
        var gold = GoldOptions.FromConfiguration(config);
        services.TryAddSingleton(config);
        services.AddSingleton(_ => config.CreateLake());
        services.AddBronze(config, samplesDirectory);
        if (config["Pipeline:InstanceName"] is { Length: > 0 } name) services.AddSingleton(new PipelineInstance(name));
        // HttpClientFactory logs request URIs (System.Net.Http.HttpClient.alerts.*); a webhook URL is a secret.
        services.AddHttpClient(AlertsHttpClient).RemoveAllLoggers();
        services.AddSingleton(sp => new GoldService(sp.GetRequiredService<ILakeStore>(), sp.GetService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<GoldService>(), gold));
        services.AddSingleton(sp => AlertService.Create(sp.GetRequiredService<ILakeStore>(), alerts,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(AlertsHttpClient), sp.GetService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<AlertService>()));
        services.AddSingleton(sp => new FreshnessMonitor(sp.GetRequiredService<ILakeStore>(), freshness, sp.GetService<TimeProvider>()));
        services.AddSingleton(silver);
        // Nobody watches by default (the function host); the CLI registers its status line or plain lines first.
        services.TryAddSingleton<IRunProgress>(NoRunProgress.Instance);
        services.AddTransient<PipelineService>();
        return services;
    }

    /// <summary>
    /// The trigger side (<see cref="PipelineTriggers"/>, the nightly guard, the attempt counter) with its options bound
    /// from <c>Pipeline:*</c> and validated when the host starts: a bad time zone or schedule stops the start, naming the key.
    /// </summary>
    public static IServiceCollection AddPipelineTriggers(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<NightlyOptions>().Bind(config.GetSection(NightlyOptions.Section)).ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Pipeline:TimeZone is not a time zone this machine knows (IANA name, e.g. Europe/Amsterdam).")
            .ValidateOnStart();
        services.AddOptions<AttemptOptions>().Bind(config.GetSection(NightlyOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddTransient<NightlyRun>();
        services.AddTransient<AttemptGuard>();
        services.AddTransient<PipelineTriggers>();
        return services;
    }
}
