namespace Pipeline.Core.Sources.Http;

/// <summary>A source could not be fetched (network, HTTP status, timeout, metadata problem): the reason names the URL.</summary>
public class SourceFetchException(string source, string? url, string reason, Exception? inner = null)
    : Exception($"{source}: {reason}" + (url is null ? "" : $" ({url})"), inner)
{
    public string SourceLabel { get; } = source;
    public string? Url { get; } = url;
    public string Reason { get; } = reason;
}

/// <summary>
/// A response that is not what was asked for (HTML page, truncated body, wrong type, empty, oversize): rejected at
/// the door. The body, when there is one, is kept in quarantine by the caller.
/// </summary>
public sealed class DoorRejectedException(string source, string url, string reason, string? contentType = null)
    : SourceFetchException(source, url, "rejected: " + reason)
{
    public string DoorReason { get; } = reason;
    public string? ContentType { get; } = contentType;
}
