using Pipeline.Core.Lake;
using Pipeline.Core.Sources.Uploads;

namespace Pipeline.Core.Sources.Samples;

/// <summary>
/// For <c>refresh --sample</c>: puts the bundled upload snapshots (<c>samples/job/*</c>, <c>samples/ambities/*</c>) into
/// <c>landing/</c>, where the normal upload ingestion picks them up; a snapshot whose content is already in raw is left out.
/// </summary>
public static class SampleLanding
{
    public static async Task<int> SeedAsync(ILakeStore lake, string samplesDirectory, CancellationToken ct)
    {
        var count = 0;
        foreach (var folder in UploadFolders.All)
        {
            var dir = Path.Combine(samplesDirectory, folder.Folder["landing/".Length..].TrimEnd('/'));
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
            {
                var ext = Path.GetExtension(file).TrimStart('.').ToLowerInvariant();
                if (!folder.Extensions.Contains(ext)) continue;
                await using var s = File.OpenRead(file);
                // Content already in raw is not offered again: an earlier file uploaded again would be current again.
                var sha = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(s, ct));
                if (await InRawAsync(lake, folder, sha, ct)) continue;
                s.Position = 0;
                await lake.WriteAsync(LakePath.Parse(folder.Folder + Path.GetFileName(file)), s, ct);
                count++;
            }
        }
        return count;
    }

    private static async Task<bool> InRawAsync(ILakeStore lake, UploadFolder folder, string sha256, CancellationToken ct)
    {
        await foreach (var e in lake.ListAsync($"{LakeZones.Raw}/{folder.Bron}/{folder.Dataset}/", ct))
            if (e.Path.FileName.StartsWith(sha256 + ".", StringComparison.Ordinal)) return true;
        return false;
    }
}
