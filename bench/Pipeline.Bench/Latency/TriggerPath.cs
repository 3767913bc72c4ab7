using System.Diagnostics;
using Azure.Storage.Blobs;
using Pipeline.Core.Lake;
using Pipeline.Functions;

namespace Pipeline.Bench.Latency;

/// <summary>
/// An upload through the function app's trigger path: the file is put in <c>landing/</c>, <c>OnUpload</c> is invoked
/// for it, and <c>OnRawFile</c> for every blob that appeared in <c>raw/</c>, in listing order, as Event Grid's
/// BlobCreated events would invoke them.
/// </summary>
public sealed class TriggerPath(Pipeline.Functions.Functions functions, ILakeStore lake, BlobServiceClient blobs, string prefix)
{
    public sealed record Timing(double PutMs, double OnUploadMs, double OnRawFileMs, int RawBlobs);

    public async Task<Timing> UploadAsync(string name, string file)
    {
        var rawBefore = await RawNamesAsync();
        var start = Stopwatch.GetTimestamp();
        await using (var content = File.OpenRead(file))
            await lake.WriteAsync(LakePath.Parse($"{LakeZones.Landing}/{name}"), content);
        var put = Stopwatch.GetElapsedTime(start);
        await functions.OnUpload(Blob(LakeZones.Landing, name), name, CancellationToken.None);
        var uploaded = Stopwatch.GetElapsedTime(start);
        var fresh = (await RawNamesAsync()).Except(rawBefore).ToList();
        foreach (var raw in fresh)
        {
            var inZone = raw[(LakeZones.Raw.Length + 1)..];
            await functions.OnRawFile(Blob(LakeZones.Raw, inZone), inZone, CancellationToken.None);
        }
        var done = Stopwatch.GetElapsedTime(start);
        return new Timing(put.TotalMilliseconds, (uploaded - put).TotalMilliseconds, (done - uploaded).TotalMilliseconds, fresh.Count);
    }

    private async Task<List<string>> RawNamesAsync()
    {
        var names = new List<string>();
        await foreach (var e in lake.ListAsync(LakeZones.Raw + "/")) names.Add(e.Path.Value);
        return names;
    }

    private BlobClient Blob(string zone, string name) => blobs.GetBlobContainerClient(BlobLake.ContainerName(prefix, zone)).GetBlobClient(name);
}
