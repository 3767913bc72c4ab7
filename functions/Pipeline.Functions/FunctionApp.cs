using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core.Observability;
using Pipeline.Core.Orchestration;

namespace Pipeline.Functions;

/// <summary>What <c>Program</c> sets up, in a form tests can call without the Functions host.</summary>
public static class FunctionApp
{
    /// <summary>The pipeline's defaults (appsettings.json beside the app) under the host's own sources (app settings, local.settings.json).</summary>
    public static IConfigurationBuilder AddPipelineDefaults(this IConfigurationBuilder config) =>
        config.SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: false);

    public static IServiceCollection AddFunctionApp(this IServiceCollection services, IConfiguration config) =>
        services
            .AddPipelineTelemetry(config)
            .AddPipeline(config)
            .AddPipelineTriggers(config)
            .AddTransient<Functions>();
}
