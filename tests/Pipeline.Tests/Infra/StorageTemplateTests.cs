using Pipeline.Core.Lake;

namespace Pipeline.Tests.Infra;

/// <summary>The lake and the host's own storage, as compiled from infra/modules/storage-*.bicep.</summary>
[TestClass]
public sealed class StorageTemplateTests
{
    private const string StorageAccounts = "Microsoft.Storage/storageAccounts";

    private static ArmResource Lake => ArmTemplate.Main.Single(StorageAccounts, r => r.Get("properties.isHnsEnabled")?.GetValue<bool>() == true, "lake account (hierarchical namespace on)");
    private static ArmResource HostStorage => ArmTemplate.Main.Single(StorageAccounts, r => r.Get("properties.isHnsEnabled") is null, "host storage account (no hierarchical namespace)");

    [TestMethod]
    public void LakeAccount_IsAdlsGen2_OnStorageV2()
    {
        Assert.IsTrue(Lake.Get("properties.isHnsEnabled")!.GetValue<bool>());
        Assert.AreEqual("StorageV2", (string?)Lake.Get("kind"));
    }

    [TestMethod]
    public void LakeAndHostStorage_AllowEntraIdOnly_OverTls12_WithoutPublicBlobAccess()
    {
        foreach (var (name, account) in new[] { ("lake", Lake), ("host storage", HostStorage) })
        {
            Assert.IsFalse(account.Get("properties.allowSharedKeyAccess")!.GetValue<bool>(), $"{name}: shared key access must be off");
            Assert.AreEqual("TLS1_2", (string?)account.Get("properties.minimumTlsVersion"), $"{name}: minimum TLS");
            Assert.IsFalse(account.Get("properties.allowBlobPublicAccess")!.GetValue<bool>(), $"{name}: anonymous blob access must be off");
            Assert.IsTrue(account.Get("properties.supportsHttpsTrafficOnly")!.GetValue<bool>(), $"{name}: HTTPS only");
            Assert.IsTrue(account.Get("properties.defaultToOAuthAuthentication")!.GetValue<bool>(), $"{name}: portal defaults to Entra ID");
        }
    }

    [TestMethod]
    public void EveryStorageAccount_RefusesSharedKeys_AndPlainHttp_AndTlsBelow12()
    {
        var accounts = ArmTemplate.Main.OfType(StorageAccounts).Where(r => r.Node["existing"] is null).ToList();
        Assert.HasCount(2, accounts, "the lake and the host storage, nothing else");
        foreach (var account in accounts)
        {
            var name = (string?)account.Get("name");
            Assert.IsFalse(account.Get("properties.allowSharedKeyAccess")!.GetValue<bool>(), $"{name}: allowSharedKeyAccess false");
            Assert.AreEqual("TLS1_2", (string?)account.Get("properties.minimumTlsVersion"), $"{name}: TLS 1.2 at least");
            Assert.IsTrue(account.Get("properties.supportsHttpsTrafficOnly")!.GetValue<bool>(), $"{name}: HTTPS only");
        }
    }

    [TestMethod]
    public void HostStorage_HoldsTheFunctionAppPackageContainer()
    {
        var container = ArmTemplate.Main.Single("Microsoft.Storage/storageAccounts/blobServices/containers",
            r => ReferenceEquals(r.Template, HostStorage.Template), "deployment package container in host storage");
        Assert.AreEqual("app-package", (string?)container.ParameterDefault("deploymentContainerName"));
        StringAssert.Contains((string?)container.Get("name") ?? "", "parameters('deploymentContainerName')");
        Assert.AreEqual("None", (string?)container.Get("properties.publicAccess"));
    }

    [TestMethod]
    public void LakeContainers_AreOnePerZone_WithTheNamesTheAppResolves()
    {
        var containers = ArmTemplate.Main.Single("Microsoft.Storage/storageAccounts/blobServices/containers", r => ReferenceEquals(r.Template, Lake.Template), "container loop");
        var name = (string?)containers.Get("name") ?? "";
        StringAssert.Contains(name, "variables('containers')[copyIndex()]", "containers are created from the module's containers list");
        var declared = containers.Template["variables"]!["containers"]!.AsArray().Select(n => (string?)n).ToList();

        // LakeNameResolver maps zone `_runs` to container `runs`: the same rule here.
        var expected = LakeZones.All.Select(z => z.TrimStart('_').ToLowerInvariant()).ToList();
        CollectionAssert.AreEquivalent(expected, declared);
        CollectionAssert.IsSubsetOf(new[] { "landing", "raw", "silver", "gold", "quarantine", "runs", "state" }, declared);
        Assert.AreEqual("None", (string?)containers.Get("properties.publicAccess"));
    }

    [TestMethod]
    public void RawZone_MovesToCoolTier_ByLifecycleRule()
    {
        var policy = ArmTemplate.Main.Single("Microsoft.Storage/storageAccounts/managementPolicies", _ => true, "lifecycle policy");
        var rules = policy.Get("properties.policy.rules")!.AsArray().Select(r => r!.AsObject()).ToList();
        var raw = rules.Where(r => r["definition"]?["filters"]?["prefixMatch"]?.AsArray().Any(p => (string?)p == "raw/") == true).ToList();
        Assert.HasCount(1, raw, "one lifecycle rule filters on raw/");
        Assert.IsTrue(raw[0]["enabled"]!.GetValue<bool>());
        var cool = raw[0]["definition"]!["actions"]!["baseBlob"]!["tierToCool"];
        Assert.IsNotNull(cool, "the raw rule moves blobs to the cool tier");
        Assert.AreEqual("[parameters('rawCoolAfterDays')]", (string?)cool["daysAfterModificationGreaterThan"]);
        Assert.IsGreaterThan(0, ArmTemplate.Main.ModuleParameter(policy, "rawCoolAfterDays")!.GetValue<int>());
        Assert.AreSame(Lake.Template, policy.Template, "the lifecycle policy belongs to the lake account");
    }

    [TestMethod]
    public void LakeBlobService_HasSoftDeleteForBlobsAndContainers_AndVersioning()
    {
        var service = ArmTemplate.Main.Single("Microsoft.Storage/storageAccounts/blobServices", r => ReferenceEquals(r.Template, Lake.Template), "lake blob service");
        Assert.AreSame(Lake.Template, service.Template);
        Assert.IsTrue(service.Get("properties.isVersioningEnabled")!.GetValue<bool>(), "versioning");
        Assert.IsTrue(service.Get("properties.deleteRetentionPolicy.enabled")!.GetValue<bool>(), "blob soft delete");
        Assert.IsTrue(service.Get("properties.containerDeleteRetentionPolicy.enabled")!.GetValue<bool>(), "container soft delete");
    }
}
