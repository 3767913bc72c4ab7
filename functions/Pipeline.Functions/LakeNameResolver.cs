using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Configuration;
using Pipeline.Core.Lake;

namespace Pipeline.Functions;

/// <summary>
/// Resolves %…% in trigger attributes from configuration, plus <c>Lake:Container:{zone}</c> to the container the
/// Blob lake uses for that zone (which carries the optional <c>Lake:ContainerPrefix</c>).
/// </summary>
public sealed class LakeNameResolver(IConfiguration config) : INameResolver
{
    /// <summary>The connection name blob triggers use; it resolves to <c>Lake:Root</c>.</summary>
    public const string LakeConnection = "PipelineLake";

    /// <summary>The lake name of a blob in one of the lake's containers (the reverse of the container mapping).</summary>
    public string LakeName(PoisonMessage message)
    {
        var prefix = config["Lake:ContainerPrefix"] ?? "";
        var zone = LakeZones.All.FirstOrDefault(z => BlobLake.ContainerName(prefix, z) == message.ContainerName)
                   ?? throw new InvalidOperationException($"Container '{message.ContainerName}' is not a zone of this lake (prefix '{prefix}').");
        return zone + "/" + message.BlobName;
    }

    public string? Resolve(string name)
    {
        const string containerKey = "Lake:Container:";
        if (name.StartsWith(containerKey, StringComparison.Ordinal))
            return BlobLake.ContainerName(config["Lake:ContainerPrefix"] ?? "", name[containerKey.Length..]);
        return config[name];
    }
}
