using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core.Lake;
using Pipeline.Core.Raw;
using Pipeline.Core.Sources.Cbs;
using Pipeline.Core.Sources.Duo;
using Pipeline.Core.Sources.Http;
using Pipeline.Core.Sources.Samples;
using Pipeline.Core.Sources.Uploads;

namespace Pipeline.Core.Sources;

public static class BronzeRegistration
{
    /// <summary>
    /// The bronze stage and its typed HTTP clients (each with the resilience pipeline from <c>Sources:Http</c>).
    /// With <paramref name="samplesDirectory"/> the clients are answered from the bundled snapshots instead of the
    /// network; everything after the socket is the same. Needs an <see cref="Lake.ILakeStore"/> and logging.
    /// </summary>
    public static IServiceCollection AddBronze(this IServiceCollection services, IConfiguration config, string? samplesDirectory = null)
    {
        var catalog = SourceCatalog.From(config);
        services.AddSingleton(catalog);
        services.AddSingleton(catalog.Http);
        services.AddSingleton(new BronzeOptions(samplesDirectory));
        services.AddSingleton<RetryJournal>();
        services.AddSingleton<RawWriter>();
        services.AddSingleton<Quarantine>();
        services.AddSingleton<SourceDoor>();

        IHttpClientBuilder[] clients =
        [
            services.AddHttpClient<CkanClient>().AddSourceResilience("duo", catalog.Http),
            services.AddHttpClient<ODataV3Client>().AddSourceResilience("cbs-v3", catalog.Http),
            services.AddHttpClient<ODataV4Client>().AddSourceResilience("cbs-v4", catalog.Http),
        ];
        if (samplesDirectory is not null)
            foreach (var c in clients) c.ConfigurePrimaryHttpMessageHandler(() => new SampleFilesHandler(samplesDirectory));

        services.AddTransient<ICbsTableClient>(sp => sp.GetRequiredService<ODataV3Client>());
        services.AddTransient<ICbsTableClient>(sp => sp.GetRequiredService<ODataV4Client>());
        services.AddTransient<DuoSource>();
        services.AddTransient<CbsSource>();
        services.AddTransient<UploadIngestor>();
        services.AddTransient<BronzeService>();
        return services;
    }
}
