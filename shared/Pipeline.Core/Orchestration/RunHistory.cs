using System.Text.Json;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;

namespace Pipeline.Core.Orchestration;

/// <summary>
/// The run manifests in <c>_runs/</c>, newest first, read lazily so a caller that stops early reads few files. Run ids
/// start with their UTC start time (<c>yyyyMMddTHHmmssZ-…</c>), so name order is time order to the second. A manifest that cannot be
/// read is skipped and named in <see cref="Warnings"/>: one damaged file must not hide the rest of the history.
/// </summary>
public sealed class RunHistory(ILakeStore lake)
{
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Warnings => _warnings;

    public async IAsyncEnumerable<RunManifest> NewestFirstAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var entries = new List<LakeEntry>();
        await foreach (var e in lake.ListAsync(LakeZones.Runs + "/", ct))
            if (e.Path.FileName.EndsWith(".json", StringComparison.Ordinal)) entries.Add(e);
        // Two runs can start in the same second; then the one whose manifest was published last is the newer.
        var ordered = entries
            .OrderByDescending(e => e.Path.FileName.Split('-')[0], StringComparer.Ordinal)
            .ThenByDescending(e => e.LastModified)
            .ThenByDescending(e => e.Path.Value, StringComparer.Ordinal)
            .Select(e => e.Path);
        foreach (var p in ordered)
        {
            RunManifest? m;
            try { m = await RunRecorder.ReadAsync(lake, p, ct); }
            catch (Exception e) when (e is JsonException or LakeFileNotFoundException)
            {
                _warnings.Add($"{p} in {lake.Location} skipped: {e.Message}");
                continue;
            }
            if (m is not null) yield return m;
        }
    }
}
