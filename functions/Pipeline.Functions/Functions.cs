using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Core.Orchestration.Triggers;

namespace Pipeline.Functions;

/// <summary>
/// The triggers of the function app. Each body is one call into <see cref="PipelineTriggers"/> (Pipeline.Core), which
/// the local runner (<c>pipeline host</c>) calls too. The blob triggers are Event Grid based, the only kind the Flex
/// Consumption plan runs: Event Grid posts BlobCreated for <c>raw/</c> and <c>landing/</c> of the lake to the blobs
/// extension's webhook (infra/), so nothing polls.
/// </summary>
public sealed class Functions(PipelineTriggers triggers)
{
    /// <summary>The connection of the blob triggers: <c>PipelineLake__blobServiceUri</c> and friends (identity-based).</summary>
    public const string LakeConnection = "PipelineLake";

    /// <summary>Fires at 00:00 and 01:00 UTC; the nightly guard lets the one at 02:00 Dutch time through.</summary>
    [Function(nameof(NightlyRefresh))]
    public Task NightlyRefresh([TimerTrigger("%Pipeline:NightlySchedule%")] TimerInfo timer, CancellationToken ct) =>
        triggers.OnNightlyTimerAsync(timer.IsPastDue, ct);

    [Function(nameof(OnRawFile))]
    public Task OnRawFile(
        [BlobTrigger("raw/{name}", Source = BlobTriggerSource.EventGrid, Connection = LakeConnection)] BlobClient blob, string name, CancellationToken ct) =>
        triggers.OnRawFileAsync(name, ct);

    [Function(nameof(OnUpload))]
    public Task OnUpload(
        [BlobTrigger("landing/{name}", Source = BlobTriggerSource.EventGrid, Connection = LakeConnection)] BlobClient blob, string name, CancellationToken ct) =>
        triggers.OnUploadAsync(name, ct);
}
