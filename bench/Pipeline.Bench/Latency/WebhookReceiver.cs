using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pipeline.Bench.Latency;

/// <summary>
/// The alert webhook on loopback (Kestrel, a free port): answers 200 and notes when each post arrived, on the same
/// <see cref="Stopwatch"/> clock the benchmark starts its upload on.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<long> _arrivals = [];
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/hook", async (HttpContext context) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            receiver.Arrived(Stopwatch.GetTimestamp());
            return Results.Ok();
        });
        await receiver._app.StartAsync();
        receiver.Url = receiver._app.Urls.First().TrimEnd('/') + "/hook";
        return receiver;
    }

    public int Count { get { lock (_arrivals) return _arrivals.Count; } }

    /// <summary>The arrival of the last post so far, a <see cref="Stopwatch"/> timestamp (0 when none came).</summary>
    public long Last { get { lock (_arrivals) return _arrivals.Count == 0 ? 0 : _arrivals.Max(); } }

    private void Arrived(long timestamp)
    {
        TaskCompletionSource done;
        lock (_arrivals)
        {
            _arrivals.Add(timestamp);
            done = _next;
            _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        done.TrySetResult();
    }

    /// <summary>
    /// The arrival of the first post after <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp), waiting up
    /// to <paramref name="timeout"/>.
    /// </summary>
    public async Task<long?> FirstAfterAsync(long since, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            Task next;
            lock (_arrivals)
            {
                var hit = _arrivals.Where(t => t >= since).Order().FirstOrDefault();
                if (hit != 0) return hit;
                next = _next.Task;
            }
            var left = deadline - Stopwatch.GetTimestamp();
            if (left <= 0) return null;
            await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
