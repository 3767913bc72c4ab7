using System.Text;

namespace Pipeline.Core.Sources.Http;

public enum ExpectedContent { Csv, Json, Xlsx }

/// <summary>
/// Pure checks on what came through the door, from the declared type and the first bytes: an HTML error page served
/// with 200, JSON where CSV was asked for, the wrong content type, an empty body. Returns the reason, or null.
/// </summary>
public static class DoorValidator
{
    public const int SniffBytes = 64 * 1024;

    private static readonly string[] CsvTypes =
        ["text/csv", "text/plain", "application/csv", "text/comma-separated-values", "application/octet-stream",
         "binary/octet-stream", "application/vnd.ms-excel", "application/force-download", "application/x-download"];
    private static readonly string[] JsonTypes = ["application/json", "text/json", "text/plain", "application/octet-stream"];
    private static readonly string[] XlsxTypes =
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream",
         "binary/octet-stream", "application/zip", "application/x-zip-compressed"];

    public static string? Check(ExpectedContent expected, string? contentType, ReadOnlySpan<byte> head, long length)
    {
        var kind = expected.ToString().ToUpperInvariant();
        if (length == 0) return "the body is empty";

        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        var text = StripBomAndWhitespace(head);
        if (expected != ExpectedContent.Xlsx && text.Length == 0 && length <= head.Length)
            return "the body holds nothing but whitespace";
        if (mediaType is "text/html" or "application/xhtml+xml" || LooksLikeHtml(text))
            return $"an HTML page (Content-Type '{contentType ?? "none"}') where {kind} was expected";

        switch (expected)
        {
            case ExpectedContent.Csv:
                if (mediaType is "application/json" or "text/json" || (text.Length > 0 && text[0] is (byte)'{' or (byte)'['))
                    return "JSON where CSV was expected";
                if (mediaType is not null && !CsvTypes.Contains(mediaType))
                    return $"wrong content type '{contentType}' where CSV was expected";
                var firstLine = FirstLine(text);
                if (firstLine.IndexOfAny((byte)',', (byte)';') < 0 && (text.IndexOf((byte)'\n') >= 0 || length <= head.Length))
                    return "the first line has no ',' or ';' separator: not CSV";
                return null;
            case ExpectedContent.Json:
                if (mediaType is not null && !JsonTypes.Contains(mediaType) && !mediaType.EndsWith("+json", StringComparison.Ordinal))
                    return $"wrong content type '{contentType}' where JSON was expected";
                if (text.Length > 0 && text[0] is not ((byte)'{' or (byte)'['))
                    return "the body does not start with '{' or '[': not JSON";
                return null;
            case ExpectedContent.Xlsx:
                if (mediaType is not null && !XlsxTypes.Contains(mediaType))
                    return $"wrong content type '{contentType}' where XLSX was expected";
                if (head.Length < 4 || !head[..4].SequenceEqual("PK\u0003\u0004"u8))
                    return "not an .xlsx workbook (no zip signature)";
                return null;
            default:
                return null;
        }
    }

    public static ReadOnlySpan<byte> StripBomAndWhitespace(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(Encoding.UTF8.Preamble)) head = head[3..];
        var i = 0;
        while (i < head.Length && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        return head[i..];
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> text)
    {
        var start = Encoding.ASCII.GetString(text[..Math.Min(text.Length, 64)]).ToLowerInvariant();
        return start.StartsWith("<!doctype html", StringComparison.Ordinal) || start.StartsWith("<html", StringComparison.Ordinal)
            || start.StartsWith("<head", StringComparison.Ordinal) || start.StartsWith("<body", StringComparison.Ordinal);
    }

    private static ReadOnlySpan<byte> FirstLine(ReadOnlySpan<byte> text)
    {
        var nl = text.IndexOf((byte)'\n');
        return nl < 0 ? text : text[..nl];
    }
}
