using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;

namespace Pipeline.Core.Orchestration.Triggers;

/// <summary>
/// The nightly timer's one call: asks <see cref="NightlyClock"/> whether this firing is the night's run, and if so
/// runs the fetch-only refresh (new raw files fire the blob trigger) and records the night in
/// <c>_state/nightly.json</c>, so the second UTC firing, a restart or a second host does not run it again.
/// </summary>
public sealed class NightlyRun(PipelineService pipeline, IOptions<NightlyOptions> options, ILogger<NightlyRun> log, TimeProvider? clock = null)
{
    public static readonly LakePath StatePath = LakePath.Parse($"{LakeZones.State}/nightly.json");

    public sealed record State(DateOnly Night, string RunId, string Outcome);

    /// <returns>The run's manifest, or null when this firing was not the night's run.</returns>
    public async Task<RunManifest?> RunIfDueAsync(bool isPastDue, CancellationToken ct)
    {
        var lake = pipeline.Lake;
        var last = await lake.ReadJsonAsync<State>(StatePath, ct: ct);
        var decision = NightlyClock.Decide((clock ?? TimeProvider.System).GetUtcNow(), last?.Night, isPastDue, options.Value);
        log.LogInformation("Nightly timer (past due: {PastDue}): {Decision} — {Reason}", isPastDue, decision.Run ? "run" : "skip", decision.Reason);
        if (!decision.Run) return null;
        var manifest = await pipeline.RefreshAsync(decision.Reason == "on time" ? "timer" : "timer (past due)", ct: ct, scope: RefreshScope.FetchOnly);
        await lake.WriteJsonAsync(StatePath, new State(decision.Night, manifest.RunId, manifest.Outcome), ct: ct);
        return manifest;
    }
}
