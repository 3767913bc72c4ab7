using Microsoft.Extensions.Configuration;
using Pipeline.Functions;

namespace Pipeline.Tests.Functions;

[TestClass]
public sealed class PoisonMessageTests
{
    private static LakeNameResolver Resolver(string prefix) => new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Lake:ContainerPrefix"] = prefix }).Build());

    [TestMethod]
    public void SDK_poison_message_maps_back_to_the_lake_name_of_the_blob()
    {
        var message = PoisonMessage.Parse("""
            {"Type":"BlobTrigger","FunctionId":"Pipeline.Functions.Functions.OnRawFile","BlobType":"BlockBlob",
             "ContainerName":"t1raw","BlobName":"duo/mbo-studenten-per-instelling/2026-11-23/ab.csv","ETag":"\"0x8D\""}
            """);
        Assert.AreEqual("raw/duo/mbo-studenten-per-instelling/2026-11-23/ab.csv", Resolver("t1").LakeName(message));
        Assert.AreEqual("_runs/x.json", Resolver("").LakeName(new PoisonMessage("runs", "x.json")));
    }

    [TestMethod]
    public void Poison_message_without_a_blob_name_is_an_error_that_quotes_it()
    {
        var e = Assert.ThrowsExactly<FormatException>(() => PoisonMessage.Parse("""{"ContainerName":"raw"}"""));
        StringAssert.Contains(e.Message, "BlobName");
    }

    [TestMethod]
    public void Container_outside_the_lake_is_refused()
    {
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => Resolver("t1").LakeName(new PoisonMessage("otherraw", "x")));
        StringAssert.Contains(e.Message, "otherraw");
    }
}
