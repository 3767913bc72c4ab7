using Azure.Identity;
using Azure.Storage.Blobs;

namespace Pipeline.Core.Lake;

/// <summary>
/// Turns the <c>Lake:Root</c> setting (or a verb's <c>--lake</c>) into a store: a directory path means the local lake;
/// a storage connection string (Azurite: <c>UseDevelopmentStorage=true</c>) or an <c>https://….blob.core.windows.net</c>
/// URL (managed identity) means Blob Storage.
/// </summary>
public static class LakeFactory
{
    public const string DefaultRoot = "./lake";

    public static ILakeStore Create(string? root, string containerPrefix = "")
    {
        root = string.IsNullOrWhiteSpace(root) ? DefaultRoot : root.Trim();
        if (IsConnectionString(root))
            return new BlobLake(new BlobServiceClient(root, BlobLake.ClientOptions()), containerPrefix);
        if (root.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || root.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            return new BlobLake(new BlobServiceClient(new Uri(root), new DefaultAzureCredential(), BlobLake.ClientOptions()), containerPrefix);
        return new FileSystemLake(root);
    }

    public static bool IsConnectionString(string s) =>
        s.Contains("UseDevelopmentStorage=", StringComparison.OrdinalIgnoreCase) ||
        s.Contains("AccountName=", StringComparison.OrdinalIgnoreCase) ||
        s.Contains("BlobEndpoint=", StringComparison.OrdinalIgnoreCase);
}

public static class LakeConfiguration
{
    /// <summary>Reads <c>Lake:Root</c> and <c>Lake:ContainerPrefix</c>.</summary>
    public static ILakeStore CreateLake(this Microsoft.Extensions.Configuration.IConfiguration config) =>
        LakeFactory.Create(config["Lake:Root"], config["Lake:ContainerPrefix"] ?? "");
}
