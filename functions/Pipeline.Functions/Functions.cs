using Microsoft.Azure.WebJobs;
using Pipeline.Core.Orchestration;

namespace Pipeline.Functions;

/// <summary>
/// The triggers. Each body is one call into a service of Pipeline.Core, so moving to the isolated worker
/// changes this file only. Container names come from <see cref="LakeNameResolver"/> (%…% placeholders).
/// </summary>
public sealed class Functions(PipelineService pipeline, LakeNameResolver resolver)
{
    [Singleton]
    public Task NightlyRefresh([TimerTrigger("%Pipeline:NightlySchedule%")] TimerInfo timer, CancellationToken ct) =>
        pipeline.RefreshAsync(timer.IsPastDue ? "timer (past due)" : "timer", ct: ct, scope: RefreshScope.FetchOnly);

    public Task OnRawFile([BlobTrigger("%Lake:Container:raw%/{name}", Connection = LakeNameResolver.LakeConnection)] Stream blob, string name, CancellationToken ct) =>
        pipeline.ProcessRawFileAsync("raw/" + name, ct);

    /// <summary>A blob that failed the attempts set in host.json; the SDK's message names its container and blob.</summary>
    public Task OnPoisonBlob([QueueTrigger("webjobs-blobtrigger-poison")] string message, CancellationToken ct) =>
        pipeline.HandlePoisonAsync(resolver.LakeName(PoisonMessage.Parse(message)), ct);

    public Task OnUpload([BlobTrigger("%Lake:Container:landing%/{name}", Connection = LakeNameResolver.LakeConnection)] Stream blob, string name, CancellationToken ct) =>
        pipeline.IngestUploadAsync("landing/" + name, ct);
}
