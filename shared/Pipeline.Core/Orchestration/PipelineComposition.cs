using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core.Lake;
using Pipeline.Core.Sources;

namespace Pipeline.Core.Orchestration;

/// <summary>The services of the pipeline, shared by the function host and the command-line verbs.</summary>
public static class PipelineComposition
{
    /// <param name="samplesDirectory">Answer the source clients from these snapshots instead of the network (<c>refresh --sample</c>).</param>
    public static IServiceCollection AddPipeline(this IServiceCollection services, IConfiguration config, string? samplesDirectory = null)
    {
        services.AddSingleton(_ => config.CreateLake());
        services.AddBronze(config, samplesDirectory);
        services.AddTransient<PipelineService>();
        return services;
    }
}
