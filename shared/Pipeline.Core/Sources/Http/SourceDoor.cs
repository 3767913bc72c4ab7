using System.Net;
using System.Net.Http.Headers;
using Pipeline.Core.Lake;
using Pipeline.Core.Raw;
using Pipeline.Core.Runs;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Pipeline.Core.Sources.Http;

/// <summary>Which source a request is for: a label for messages (DUO, CBS, …) and the raw-zone names.</summary>
public sealed record SourceRef(string Label, string Bron, string Dataset);

/// <summary>HTTP validators remembered from the last good download of a resource.</summary>
public sealed record ConditionalRequest(string? ETag, DateTimeOffset? LastModified);

/// <summary>A response body staged on disk with its HTTP metadata; or a 304 (then <see cref="Body"/> is null).</summary>
public sealed class FetchedBody : IAsyncDisposable
{
    public required string Url { get; init; }
    public StagingFile? Body { get; init; }
    public bool NotModified => Body is null;
    public string? ContentType { get; init; }
    public string? ETag { get; init; }
    public DateTimeOffset? LastModified { get; init; }

    public ValueTask DisposeAsync() => Body?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>
/// The door every HTTP download goes through: GET (conditional when validators are known) with headers first,
/// the body streamed into a <see cref="StagingFile"/> under the size limit, then checked. Anything that is not what
/// was asked for is kept in quarantine and thrown as <see cref="DoorRejectedException"/>; nothing of it reaches raw.
/// The bytes received are reported to <see cref="IRunProgress"/> as they arrive (with the Content-Length as total).
/// </summary>
public sealed class SourceDoor(Quarantine quarantine, SourceHttpOptions options, IRunProgress? progress = null)
{
    private readonly IRunProgress _progress = progress ?? NoRunProgress.Instance;

    public SourceHttpOptions Options => options;

    public async Task<FetchedBody> GetAsync(HttpClient client, SourceRef source, string url, ExpectedContent expected,
        ConditionalRequest? conditional = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (conditional?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            request.Headers.IfNoneMatch.Add(tag);
        if (conditional?.LastModified is { } lm)
            request.Headers.IfModifiedSince = lm;

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception e) when (Describe(e, ct) is { } why)
        {
            throw new SourceFetchException(source.Label, url, why, e);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotModified)
                return new FetchedBody { Url = url, ETag = conditional?.ETag, LastModified = conditional?.LastModified };
            if (!response.IsSuccessStatusCode)
                throw new SourceFetchException(source.Label, url, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");

            var contentType = response.Content.Headers.ContentType?.ToString();
            var declared = response.Content.Headers.ContentLength;
            if (declared > options.MaxBytes)
                throw await RejectAsync(source, url, $"Content-Length {declared} bytes is above the limit of {options.MaxBytes} bytes", contentType, null, ct);

            var staging = new StagingFile(options.MaxBytes);
            try
            {
                using var bodyTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                bodyTimeout.CancelAfter(options.BodyTimeout);
                string? problem = null;
                try
                {
                    await using var body = await response.Content.ReadAsStreamAsync(bodyTimeout.Token);
                    var dataset = $"{source.Bron}/{source.Dataset}";
                    await staging.CopyFromAsync(body, done => _progress.BytesDone("bronze", dataset, done, declared), bodyTimeout.Token);
                }
                catch (SizeLimitExceededException e) { problem = e.Message; }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new SourceFetchException(source.Label, url, $"reading the body took longer than {options.BodyTimeout}");
                }
                catch (Exception e) when (e is IOException or HttpRequestException)
                {
                    problem = declared is { } d
                        ? $"the body is shorter than its Content-Length: {staging.Length} of {d} bytes arrived ({e.Message})"
                        : $"the connection broke after {staging.Length} bytes ({e.Message})";
                }
                await staging.CompleteAsync(ct);
                if (problem is null && declared is { } len && staging.Length != len)
                    problem = $"the body is {(staging.Length < len ? "shorter" : "longer")} than its Content-Length: {staging.Length} of {len} bytes";
                if (problem is null)
                {
                    var head = await staging.HeadAsync(DoorValidator.SniffBytes, ct);
                    problem = DoorValidator.Check(expected, contentType, head, staging.Length);
                }
                if (problem is not null)
                    throw await RejectAsync(source, url, problem, contentType, staging, ct);

                return new FetchedBody
                {
                    Url = url, Body = staging, ContentType = contentType,
                    ETag = response.Headers.ETag?.ToString(), LastModified = response.Content.Headers.LastModified,
                };
            }
            catch
            {
                await staging.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Keeps a rejected body (or just the reason) in quarantine and returns the exception to throw.</summary>
    public async Task<DoorRejectedException> RejectAsync(SourceRef source, string url, string reason, string? contentType,
        StagingFile? body, CancellationToken ct)
    {
        var ext = contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true ? "html"
            : contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true ? "json" : "bin";
        if (body is not null) await body.CompleteAsync(ct);
        var sha = body?.Sha256 ?? Quarantine.Sha256Of($"{url}\n{reason}");
        Stream? content = body is null ? null : body.OpenRead();
        await quarantine.KeepAsync(Quarantine.BronzePath(source.Bron, source.Dataset, sha, ext), new QuarantineReason
        {
            Stage = "bronze", Dataset = $"{source.Bron}/{source.Dataset}", Source = url, Reason = reason, ContentType = contentType, Size = body?.Length,
        }, content, ct);
        return new DoorRejectedException(source.Label, url, reason, contentType);
    }

    /// <summary>Plain words for what went wrong on the wire; null for the caller's own cancellation (not ours to catch).</summary>
    private static string? Describe(Exception e, CancellationToken ct) => e switch
    {
        OperationCanceledException when ct.IsCancellationRequested => null,
        TimeoutRejectedException t => $"no response in time after retries ({t.Message})",
        BrokenCircuitException => "the circuit breaker is open after repeated failures; not trying again for now",
        HttpRequestException h => $"request failed after retries: {h.Message}",
        OperationCanceledException => "the request timed out",
        _ => null,
    };
}
