using System.Globalization;
using System.Text;

namespace Pipeline.Core.Lake;

/// <summary>Why a stage turned something away; written as the human-readable <c>{file}.reason.txt</c>.</summary>
public sealed record QuarantineReason
{
    /// <summary><c>bronze</c>, <c>silver</c>, <c>gold</c> (ambitions) or <c>poison</c>.</summary>
    public required string Stage { get; init; }
    /// <summary><c>{bron}/{dataset}</c>, e.g. <c>duo/mbo-studenten-per-instelling</c>.</summary>
    public required string Dataset { get; init; }
    /// <summary>Where the input came from: the URL, the uploaded file or the raw file.</summary>
    public string? Source { get; init; }
    public int? Line { get; init; }
    public string? Column { get; init; }
    public required string Reason { get; init; }
    public string? RunId { get; init; }
    public string? ContentType { get; init; }
    public long? Size { get; init; }
}

/// <summary>
/// The one quarantine writer of every stage: rejected input is kept, never lost and never in raw or silver, as its
/// bytes at <c>quarantine/{stage}/…</c> plus <c>{that file}.reason.txt</c> (stage, dataset, source, line and column
/// when known, reason, time). The layout per stage is here too, so there is one place to look.
/// </summary>
public sealed class Quarantine(ILakeStore lake, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>
    /// <c>quarantine/bronze/{bron}/{dataset}/{sha256}.{ext}</c>: a rejected download or upload, content-addressed, so a
    /// source that stays broken night after night is kept once (its reason file says when it was last seen).
    /// </summary>
    public static LakePath BronzePath(string bron, string dataset, string sha256, string extension) =>
        LakePath.Parse($"{LakeZones.Quarantine}/bronze/{bron}/{dataset}/{sha256}.{extension}");

    /// <summary>The content address of a rejection that kept no body: its source and reason.</summary>
    public static string Sha256Of(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// <c>quarantine/bronze/{bron}/{dataset}/{sha256}.{ext}</c>: a refused upload, named by its content, so the same
    /// bytes offered again are kept (and reported) once.
    /// </summary>
    public static LakePath BronzeUploadPath(string bron, string dataset, string sha256, string extension) =>
        LakePath.Parse($"{LakeZones.Quarantine}/bronze/{bron}/{dataset}/{sha256}.{SafeExtension(extension)}");

    /// <summary>
    /// <c>quarantine/bronze/{bron}/{dataset}/refused/{sha256 of the name}</c>: a landing entry that is not a regular file
    /// (a link, FIFO or device); only its reason is kept, since following it is what the door refuses.
    /// </summary>
    public static LakePath RefusedEntryPath(string bron, string dataset, string name) =>
        LakePath.Parse($"{LakeZones.Quarantine}/bronze/{bron}/{dataset}/refused/" +
                       Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name))));

    /// <summary>A file extension the lake can always store: lower-case letters and digits, else <c>bin</c>.</summary>
    public static string SafeExtension(string extension)
    {
        var ext = extension.TrimStart('.').ToLowerInvariant();
        return ext.Length is > 0 and <= 10 && ext.All(char.IsAsciiLetterOrDigit) ? ext : "bin";
    }

    /// <summary><c>quarantine/silver/{dataset}/{sha256}.{ext}</c>: a raw file silver refused.</summary>
    public static LakePath SilverPath(string dataset, string sha256, string extension) =>
        LakePath.Parse($"{LakeZones.Quarantine}/silver/{dataset}/{sha256}.{extension}");

    /// <summary><c>quarantine/ambities/{sha256}.csv</c>: an ambitions file gold refused, named by its content (kept once).</summary>
    public static LakePath AmbitiesPath(string sha256) => LakePath.Parse($"{LakeZones.Quarantine}/ambities/{sha256}.csv");

    /// <summary><c>quarantine/poison/{lake path}</c>: a file the host gave up on.</summary>
    public static LakePath PoisonPath(LakePath file) => LakePath.Parse($"{LakeZones.Quarantine}/poison/{file.Value}");

    private static bool IsContentAddressed(LakePath path) =>
        path.Value.StartsWith($"{LakeZones.Quarantine}/bronze/", StringComparison.Ordinal)
        || path.Value.StartsWith($"{LakeZones.Quarantine}/silver/", StringComparison.Ordinal);

    public static LakePath ReasonPath(LakePath kept) => LakePath.Parse(kept.Value + ".reason.txt");

    /// <summary>Writes <paramref name="body"/> (when there is one) at <paramref name="target"/> and the reason beside it; returns <paramref name="target"/>.</summary>
    public async Task<LakePath> KeepAsync(LakePath target, QuarantineReason reason, Stream? body, CancellationToken ct = default)
    {
        // A content-addressed body already kept is not written again; its reason is refreshed.
        if (body is not null && !(IsContentAddressed(target) && await lake.ExistsAsync(target, ct))) await lake.WriteAsync(target, body, ct);
        await using var text = new MemoryStream(Encoding.UTF8.GetBytes(Render(reason, body is null ? null : target, _clock.GetUtcNow())));
        await lake.WriteAsync(ReasonPath(target), text, ct);
        return target;
    }

    /// <summary>Copies a lake file (a raw file, a poison file) into quarantine with its reason; a file that is gone keeps only the reason.</summary>
    public async Task<LakePath> KeepCopyAsync(LakePath source, LakePath target, QuarantineReason reason, CancellationToken ct = default)
    {
        if (!await lake.ExistsAsync(source, ct)) return await KeepAsync(target, reason, null, ct);
        await using var s = await lake.OpenReadAsync(source, ct);
        return await KeepAsync(target, reason, s, ct);
    }

    public static string Render(QuarantineReason r, LakePath? kept, DateTimeOffset at)
    {
        var sb = new StringBuilder();
        void Line(string label, object? value)
        {
            if (value is not null) sb.Append(CultureInfo.InvariantCulture, $"{label}: {value}\n");
        }
        Line("stage", r.Stage);
        Line("dataset", r.Dataset);
        Line("source", r.Source);
        Line("line", r.Line);
        Line("column", r.Column);
        Line("run", r.RunId);
        Line("content type", r.ContentType);
        Line("size", r.Size is { } s ? $"{s} bytes" : null);
        Line("kept", kept?.Value ?? "(no body)");
        Line("time", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        // The reason may list a file's problems: capped, so a file with a million bad lines gives a readable reason.
        sb.Append("reason: ").Append(Runs.Capped.Lines(r.Reason)).Append('\n');
        return sb.ToString();
    }
}
