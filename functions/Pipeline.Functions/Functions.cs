using Microsoft.Azure.WebJobs;
using Pipeline.Core.Orchestration;

namespace Pipeline.Functions;

/// <summary>
/// The triggers. Each body is one call into a service of Pipeline.Core, so moving to the isolated worker
/// changes this file only. Container names come from <see cref="LakeNameResolver"/> (%…% placeholders).
/// </summary>
public sealed class Functions(PipelineService pipeline)
{
    [Singleton]
    public Task NightlyRefresh([TimerTrigger("%Pipeline:NightlySchedule%")] TimerInfo timer, CancellationToken ct) =>
        pipeline.RefreshAsync(timer.IsPastDue ? "timer (past due)" : "timer", ct: ct);

    public Task OnRawFile([BlobTrigger("%Lake:Container:raw%/{name}", Connection = LakeNameResolver.LakeConnection)] Stream blob, string name, CancellationToken ct) =>
        pipeline.ProcessRawFileAsync("raw/" + name, ct);

    public Task OnUpload([BlobTrigger("%Lake:Container:landing%/{name}", Connection = LakeNameResolver.LakeConnection)] Stream blob, string name, CancellationToken ct) =>
        pipeline.IngestUploadAsync("landing/" + name, ct);
}
