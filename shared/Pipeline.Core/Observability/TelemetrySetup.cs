using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Pipeline.Core.Observability;

/// <summary>
/// OpenTelemetry for the pipeline's traces, metrics and logs, the same in the function app and the command line: to Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, to the console otherwise.
/// </summary>
public static class TelemetrySetup
{
    public const string ConnectionSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static IServiceCollection AddPipelineTelemetry(this IServiceCollection services, IConfiguration config)
    {
        var connection = config[ConnectionSetting];
        var azure = !string.IsNullOrWhiteSpace(connection);
        // Application Insights with local auth off (infra/) takes Entra ID tokens only: the identity in AZURE_CLIENT_ID.
        var credential = (config[AuthenticationSetting] ?? "").Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase)
            ? new Azure.Identity.DefaultAzureCredential() : null;
        void Exporter(AzureMonitorExporterOptions o)
        {
            o.ConnectionString = connection;
            if (credential is not null) o.Credential = credential;
        }
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("mbo-werkagenda-pipeline", serviceVersion: Runs.RunRecorder.ProgramVersion))
            .WithTracing(t =>
            {
                t.AddSource(PipelineTelemetry.Name);
                if (azure) t.AddAzureMonitorTraceExporter(Exporter);
                else t.AddConsoleExporter();
            })
            .WithMetrics(m =>
            {
                m.AddMeter(PipelineTelemetry.Name);
                if (azure) m.AddAzureMonitorMetricExporter(Exporter);
                else m.AddConsoleExporter();
            });
        if (azure)
            services.AddLogging(l => l.AddOpenTelemetry(o =>
            {
                o.IncludeScopes = true; // run_id, stage and dataset travel as scope properties
                o.AddAzureMonitorLogExporter(Exporter);
            }));
        return services;
    }
}
