namespace Pipeline.Core.Sources.Cbs;

/// <summary>
/// What CBS says of a table's version before any page is read: <c>Modified</c> from <c>TableInfos</c> (null when the
/// item has none: then the table is fetched), and the response's HTTP validators; <paramref name="NotModified"/> when
/// the server answered the conditional request with 304.
/// </summary>
public sealed record CbsTableVersion(string Url, string? Modified, string? ETag, DateTimeOffset? LastModified, bool NotModified = false);
