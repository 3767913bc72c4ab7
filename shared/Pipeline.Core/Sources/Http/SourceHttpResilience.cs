using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Pipeline.Core.Sources.Http;

/// <summary>One retry as it happened: which client, which attempt, why, and how long it waited.</summary>
public sealed record RetryEvent(string Client, int Attempt, string Reason, TimeSpan Delay);

/// <summary>Retries seen by the source clients (for the run log and for tests that check Retry-After is honoured).</summary>
public sealed class RetryJournal
{
    private readonly ConcurrentQueue<RetryEvent> _events = new();
    public IReadOnlyList<RetryEvent> Events => _events.ToArray();
    public void Add(RetryEvent e) => _events.Enqueue(e);
}

/// <summary>
/// The resilience pipeline every source client gets, outermost first: total timeout → retry (exponential back-off
/// with jitter; a Retry-After on 429/503 wins, capped) → circuit breaker → per-attempt timeout.
/// </summary>
public static class SourceHttpResilience
{
    public static IHttpClientBuilder AddSourceResilience(this IHttpClientBuilder builder, string name, SourceHttpOptions o)
    {
        builder.ConfigureHttpClient(c =>
        {
            // The pipeline owns the timeouts; body reads have their own (BodyTimeout).
            c.Timeout = Timeout.InfiniteTimeSpan;
            c.DefaultRequestHeaders.UserAgent.ParseAdd(o.UserAgent);
        });
        builder.AddResilienceHandler(name, (pipeline, context) =>
        {
            var journal = context.ServiceProvider.GetService<RetryJournal>();
            pipeline.AddTimeout(o.TotalTimeout);
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = o.MaxRetryAttempts,
                Delay = o.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = false, // replaced by the capped generator below
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, o.MaxRetryAfter)),
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception is { } ex ? ex.GetType().Name + ": " + ex.Message
                        : $"HTTP {(int)args.Outcome.Result!.StatusCode} {args.Outcome.Result.ReasonPhrase}";
                    journal?.Add(new RetryEvent(name, args.AttemptNumber + 1, reason, args.RetryDelay));
                    return ValueTask.CompletedTask;
                },
            });
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = o.CircuitBreakerFailureRatio,
                MinimumThroughput = o.CircuitBreakerMinimumThroughput,
                SamplingDuration = o.CircuitBreakerSamplingDuration,
                BreakDuration = o.CircuitBreakerBreakDuration,
            });
            pipeline.AddTimeout(o.AttemptTimeout);
        });
        return builder;
    }

    /// <summary>The server's Retry-After on 429/503 (seconds or a date), capped; null means "use the back-off".</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan cap)
    {
        if (response is null || response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
            return null;
        var header = response.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is null) return null;
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        return wait > cap ? cap : wait;
    }
}
