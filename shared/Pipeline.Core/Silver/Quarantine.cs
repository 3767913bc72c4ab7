using System.Text;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Silver;

/// <summary>Keeps a rejected raw file for inspection: <c>quarantine/silver/{dataset}/{sha256}.{ext}</c> plus <c>.reason.txt</c>.</summary>
public static class Quarantine
{
    public static LakePath PathFor(RawFile raw) => LakePath.Parse($"{LakeZones.Quarantine}/silver/{raw.Dataset}/{raw.Sha256}.{raw.Extension}");

    public static LakePath ReasonPathFor(RawFile raw) => LakePath.Parse(PathFor(raw).Value + ".reason.txt");

    public static async Task<LakePath> PutAsync(ILakeStore lake, RawFile raw, string reason, string runId, CancellationToken ct)
    {
        var target = PathFor(raw);
        await using (var s = await lake.OpenReadAsync(raw.Path, ct))
            await lake.WriteAsync(target, s, ct);
        var text = $"raw file: {raw.Path}\nrun: {runId}\nstage: silver\nreason: {reason}\n";
        await using var ms = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await lake.WriteAsync(ReasonPathFor(raw), ms, ct);
        return target;
    }
}
