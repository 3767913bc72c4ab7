using System.Security.Cryptography;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Gold;

/// <summary>
/// The size an ambitions file may have, and how one is read: streamed up to <see cref="MaxBytes"/>, never whole
/// whatever its size. A larger file is not an ambitions file (a real one is some tens of kilobytes): it is kept in
/// quarantine, streamed, and the ambitions in force stay in force.
/// </summary>
public static class AmbitionsFile
{
    /// <summary>256 KiB: room for some 5,000 ambitions; the ministry's file has a few hundred (tens of kilobytes).</summary>
    public const long MaxBytes = 256 * 1024;

    /// <summary>The file as an <see cref="AmbitionsInput"/>, or null (and a copy in quarantine) when it is larger than <see cref="MaxBytes"/>.</summary>
    public static async Task<(AmbitionsInput? Input, LakePath? Quarantined, string? Problem)> ReadAsync(
        ILakeStore lake, string name, Stream content, CancellationToken ct)
    {
        var buffer = new byte[MaxBytes + 1];
        var n = 0;
        while (n < buffer.Length)
        {
            var read = await content.ReadAsync(buffer.AsMemory(n), ct);
            if (read == 0) return (new AmbitionsInput(name, buffer[..n]), null, null);
            n += read;
        }
        if (!content.CanSeek) throw new NotSupportedException("An oversize ambitions file must be seekable to be kept in quarantine.");
        content.Position = 0;
        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, ct));
        var problem = $"the file is {content.Length:#,0} bytes; an ambitions file is at most {MaxBytes:#,0} bytes";
        content.Position = 0;
        var quarantine = new Quarantine(lake);
        var kept = await quarantine.KeepAsync(Quarantine.AmbitiesPath(sha), new QuarantineReason
        {
            Stage = "gold", Dataset = "ambities/ambities", Source = name, Reason = problem, Size = content.Length,
        }, content, ct);
        return (null, kept, problem);
    }
}
