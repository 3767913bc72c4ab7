using Azure.Storage.Blobs;
using Pipeline.Core.Lake;

namespace Pipeline.Tests.Infrastructure;

/// <summary>
/// The Azurite that <c>scripts/with-azurite.sh</c> (or <c>scripts/azurite.sh start</c>) started for this test run.
/// Tests that need Blob Storage fail loudly when it is absent; they never skip.
/// </summary>
public static class Azurite
{
    public const string Variable = "AZURITE_CONNECTION_STRING";

    public static string ConnectionString
    {
        get
        {
            var cs = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrWhiteSpace(cs))
                Assert.Fail($"{Variable} is not set, so this Blob Storage test cannot reach Azurite. Run the tests as the README says: " +
                            "'scripts/with-azurite.sh dotnet test Pipeline.sln' (after 'npm ci'), or export " +
                            $"{Variable}=$(scripts/azurite.sh start) first.");
            return cs!;
        }
    }

    /// <summary>A container prefix no other test uses, so tests share one Azurite without seeing each other.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    public static BlobServiceClient Service() => new(ConnectionString, BlobLake.ClientOptions());

    public static BlobLake NewLake() => new(Service(), UniquePrefix());
}
