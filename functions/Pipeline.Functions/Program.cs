using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Pipeline.Functions;

/// <summary>The isolated worker the Functions host starts (Flex Consumption, dotnet-isolated 10.0).</summary>
public static class Program
{
    public static void Main(string[] args) =>
        new HostBuilder()
            // First, so the worker's own sources (environment = app settings) override the defaults.
            .ConfigureAppConfiguration(c => c.AddPipelineDefaults())
            .ConfigureFunctionsWorkerDefaults()
            .ConfigureServices((context, services) => services.AddFunctionApp(context.Configuration))
            .Build()
            .Run();
}
