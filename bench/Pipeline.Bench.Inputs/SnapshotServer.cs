using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Pipeline.Core.Sources.Samples;

namespace Pipeline.Bench.Inputs;

/// <summary>
/// A loopback mirror of DUO and CBS (Kestrel on 127.0.0.1, a free port) serving a snapshot directory by the routes
/// of <see cref="SampleFilesHandler"/>, with <c>ETag</c> and <c>Last-Modified</c> so conditional GETs get 304. Like a
/// mirror, it rewrites the portals' absolute links in its JSON (resource urls, <c>odata.nextLink</c>) to itself.
/// Point <c>Sources:Duo:BaseUrl</c> and <c>Sources:Cbs:BaseUrl</c> at <see cref="BaseUrl"/>.
/// </summary>
public sealed class SnapshotServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SampleFilesHandler _routes;
    private long _requests, _notModified, _bytes;

    private SnapshotServer(WebApplication app, string root)
    {
        _app = app;
        _routes = new SampleFilesHandler(root);
    }

    public string BaseUrl { get; private set; } = "";

    public static async Task<SnapshotServer> StartAsync(string root, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = new SnapshotServer(builder.Build(), root);
        server._app.Run(server.ServeAsync);
        await server._app.StartAsync(ct);
        server.BaseUrl = server._app.Urls.First().TrimEnd('/');
        return server;
    }

    /// <summary>Requests, 304 answers and body bytes sent since the last call.</summary>
    public (long Requests, long NotModified, long Bytes) TakeCounts() =>
        (Interlocked.Exchange(ref _requests, 0), Interlocked.Exchange(ref _notModified, 0), Interlocked.Exchange(ref _bytes, 0));

    private async Task ServeAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var file = _routes.FileFor(new Uri(context.Request.GetEncodedUrl()));
        if (file is null || !File.Exists(file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var info = new FileInfo(file);
        var etag = new EntityTagHeaderValue($"\"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}-{BaseUrl.GetHashCode(StringComparison.Ordinal):x}\"");
        var modified = new DateTimeOffset(info.LastWriteTimeUtc.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        IResult result = file.EndsWith(".json", StringComparison.Ordinal)
            ? Results.Bytes(Rewrite(await File.ReadAllTextAsync(file, context.RequestAborted)), "application/json",
                lastModified: modified, entityTag: etag)
            : Results.File(file, "text/csv", lastModified: modified, entityTag: etag);
        await result.ExecuteAsync(context);
        if (context.Response.StatusCode == StatusCodes.Status304NotModified) Interlocked.Increment(ref _notModified);
        else Interlocked.Add(ref _bytes, context.Response.ContentLength ?? 0);
    }

    private byte[] Rewrite(string json) => System.Text.Encoding.UTF8.GetBytes(
        json.Replace(DuoPackages.PortalBase, BaseUrl, StringComparison.Ordinal).Replace(CbsTables.PortalBase, BaseUrl, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
