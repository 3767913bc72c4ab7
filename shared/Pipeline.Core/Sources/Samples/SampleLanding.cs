using Pipeline.Core.Lake;
using Pipeline.Core.Sources.Uploads;

namespace Pipeline.Core.Sources.Samples;

/// <summary>
/// For <c>refresh --sample</c>: puts the bundled upload snapshots (<c>samples/job/*</c>, <c>samples/ambities/*</c>) into
/// <c>landing/</c>, where the normal upload ingestion picks them up. Content already in raw comes out unchanged.
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
                await lake.WriteAsync(LakePath.Parse(folder.Folder + Path.GetFileName(file)), s, ct);
                count++;
            }
        }
        return count;
    }
}
