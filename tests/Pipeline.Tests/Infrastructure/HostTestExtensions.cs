using Microsoft.Extensions.Hosting;
using Pipeline.Functions;

namespace Pipeline.Tests.Infrastructure;

public static class HostTestExtensions
{
    /// <summary>Stops a host; the storage extension's known shutdown error must not hide a test's own failure.</summary>
    public static async Task StopQuietlyAsync(this IHost host)
    {
        try { await host.StopAsync(); }
        catch (Exception e) when (PipelineHost.IsKnownShutdownError(e)) { }
    }
}
