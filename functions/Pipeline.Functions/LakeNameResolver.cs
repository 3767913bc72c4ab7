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

    public string? Resolve(string name)
    {
        const string containerKey = "Lake:Container:";
        if (name.StartsWith(containerKey, StringComparison.Ordinal))
            return (config["Lake:ContainerPrefix"] ?? "") + name[containerKey.Length..].TrimStart('_').ToLowerInvariant();
        return config[name];
    }
}
