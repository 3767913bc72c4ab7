using Microsoft.Extensions.Options;
using Pipeline.Core.Lake;
using Pipeline.Core.Silver;

namespace Pipeline.Core.Orchestration.Triggers;

/// <summary>
/// The trigger-to-pipeline mapping, in one place for every host: the function app's functions and the local runner
/// (<c>pipeline host</c>) call these and nothing else. Blob names arrive relative to their container (zone).
/// </summary>
public sealed class PipelineTriggers(PipelineService pipeline, NightlyRun nightly, AttemptGuard attempts, IOptions<AttemptOptions> options)
{
    public Task OnNightlyTimerAsync(bool isPastDue, CancellationToken ct) => nightly.RunIfDueAsync(isPastDue, ct);

    /// <remarks>
    /// A raw file's sidecar (<c>{sha256}.{ext}.json</c>) is a blob in <c>raw/</c> too, so its BlobCreated event arrives
    /// here as well; it is not a data file (its data file has an event of its own), so it starts no run.
    /// </remarks>
    public Task OnRawFileAsync(string name, CancellationToken ct) =>
        RawFile.IsSidecar(LakePath.Parse($"{LakeZones.Raw}/{name}"))
            ? Task.CompletedTask
            : attempts.RunAsync($"{LakeZones.Raw}/{name}", c => pipeline.ProcessRawFileAsync($"{LakeZones.Raw}/{name}", c), ct);

    public Task OnUploadAsync(string name, CancellationToken ct) =>
        attempts.RunAsync($"{LakeZones.Landing}/{name}", c => pipeline.IngestUploadAsync($"{LakeZones.Landing}/{name}", options.Value.TriggerLockWait, c), ct);
}
