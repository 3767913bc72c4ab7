using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Cli;
using Pipeline.Core.Lake;
using Pipeline.Core.Orchestration;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Reliability;

/// <summary>
/// The landing door on Blob Storage (Azurite): a blob whose name the lake cannot store is refused visibly, not skipped
/// for ever. (Blob Storage turns a backslash into '/', and Azurite answers a listing holding a control character with
/// malformed XML, which fails the landing stage visibly; so the case here is an empty path segment.)
/// </summary>
[TestClass]
public sealed class BlobLandingDoorTests
{
    [TestMethod]
    [DataRow("job//2023.csv", "empty path segment", DisplayName = "blob name with an empty segment")]
    public async Task Blob_upload_with_a_name_the_lake_cannot_store_is_quarantined_whole_with_its_name_in_the_reason(string name, string problem)
    {
        var prefix = Azurite.UniquePrefix();
        var config = Program.Configuration(Azurite.ConnectionString, new Dictionary<string, string?>(Orchestration.OrchestrationLake.Offline)
        {
            ["Lake:ContainerPrefix"] = prefix,
        });
        await using var services = new ServiceCollection().AddLogging().AddPipeline(config).BuildServiceProvider();
        var lake = (BlobLake)services.GetRequiredService<ILakeStore>();
        await lake.EnsureZonesAsync();
        var content = Encoding.UTF8.GetBytes("instellingscode,jaar,thema,vraag,respondenten,percentage_positief,rapportcijfer\n25LH,2023,veiligheid,Ik voel me veilig op school,100,80.1,\n");
        var blob = Azurite.Service().GetBlobContainerClient(BlobLake.ContainerName(prefix, LakeZones.Landing)).GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromBytes(content));

        var run = await services.GetRequiredService<PipelineService>().RefreshAsync("test");

        var stages = string.Join(" | ", run.Stages.Select(s => $"{s.Stage} {s.Dataset} {s.Status} {s.Message} {string.Join(";", s.Errors)}"));
        Assert.IsFalse((await blob.ExistsAsync()).Value, "the blob left landing; stages: " + stages);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        var kept = LakePath.Parse($"quarantine/bronze/job/job-monitor/{sha}.csv");
        Assert.IsTrue(await lake.ExistsAsync(kept), "kept whole under its content hash; stages: " +
            string.Join(" | ", run.Stages.Select(s => $"{s.Stage} {s.Dataset} {s.Status} {s.Message} {string.Join(";", s.Errors)}")));
        var reason = await lake.ReadTextAsync(kept.Value + ".reason.txt");
        StringAssert.Contains(reason, problem);
        StringAssert.Contains(reason, "original name");
        Assert.IsTrue(run.Stages.Any(s => s.Stage == "bronze" && s.Status == Core.Runs.StageStatuses.Failed
                                          && (s.Message ?? string.Join(";", s.Errors)).Contains(problem, StringComparison.Ordinal)), "reported in the run");
    }
}
