namespace Pipeline.Tests.Infra;

/// <summary>The pipeline's user-assigned identity and its least-privilege role assignments.</summary>
[TestClass]
public sealed class IdentityTemplateTests
{
    private const string RoleAssignments = "Microsoft.Authorization/roleAssignments";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    /// <summary>Role assignments of the host identity (the modules receive its principal id as hostPrincipalId).</summary>
    private static IEnumerable<ArmResource> HostAssignments(string roleId, string scopeType) =>
        ArmTemplate.Main.OfType(RoleAssignments).Where(r =>
            ((string?)r.Get("properties.roleDefinitionId") ?? "").Contains(roleId, StringComparison.OrdinalIgnoreCase) &&
            ((string?)r.Get("scope") ?? "").Contains(scopeType, StringComparison.OrdinalIgnoreCase) &&
            (string?)r.Get("properties.principalId") == "[parameters('hostPrincipalId')]");

    [TestMethod]
    public void Identity_IsUserAssigned_AndIsTheOneEveryRoleIsGivenTo()
    {
        var identity = ArmTemplate.Main.Single("Microsoft.ManagedIdentity/userAssignedIdentities", _ => true, "pipeline identity");
        Assert.IsNotNull(identity);
        // Every module that takes hostPrincipalId gets it from the identity module's output.
        var passed = ArmTemplate.Main.OfType("Microsoft.Resources/deployments")
            .Select(d => (string?)d.Get("properties.parameters")?["hostPrincipalId"]?["value"])
            .Where(v => v is not null).ToList();
        Assert.IsGreaterThanOrEqualTo(4, passed.Count, "lake, host storage, Key Vault and monitoring modules receive the identity");
        foreach (var v in passed)
            StringAssert.Contains(v!, "reference('identity').outputs.principalId");
    }

    private static ArmResource AccountOf(ArmResource assignment) =>
        ArmTemplate.Main.OfType("Microsoft.Storage/storageAccounts").Single(s => ReferenceEquals(s.Template, assignment.Template));

    private static bool IsLake(ArmResource account) => account.Get("properties.isHnsEnabled")?.GetValue<bool>() == true;

    [TestMethod]
    public void Identity_IsStorageBlobDataContributor_OnTheLake_AndBlobDataOwner_OnHostStorageOnly()
    {
        var contributor = HostAssignments(StorageBlobDataContributor, "Microsoft.Storage/storageAccounts").ToList();
        Assert.HasCount(1, contributor, "Storage Blob Data Contributor on the lake");
        Assert.IsTrue(IsLake(AccountOf(contributor[0])));

        // The Functions host's role for an identity-based AzureWebJobsStorage and the Flex deployment container.
        var owner = HostAssignments(StorageBlobDataOwner, "Microsoft.Storage/storageAccounts").ToList();
        Assert.HasCount(1, owner, "Storage Blob Data Owner on host storage");
        Assert.IsFalse(IsLake(AccountOf(owner[0])), "never Owner on the lake (it would also rewrite its ACLs)");

        foreach (var a in contributor.Concat(owner))
            Assert.AreEqual("ServicePrincipal", (string?)a.Get("properties.principalType"));
    }

    [TestMethod]
    public void Identity_IsQueueDataContributor_OnBothAccounts_AndTableDataContributor_OnHostStorage()
    {
        var queue = HostAssignments(StorageQueueDataContributor, "Microsoft.Storage/storageAccounts").Select(AccountOf).ToList();
        Assert.HasCount(2, queue, "host queues, and the blob triggers' poison queue in the lake");
        Assert.IsTrue(queue.Any(IsLake));
        Assert.IsTrue(queue.Any(a => !IsLake(a)));

        var table = HostAssignments(StorageTableDataContributor, "Microsoft.Storage/storageAccounts").Select(AccountOf).ToList();
        Assert.HasCount(1, table);
        Assert.IsFalse(IsLake(table[0]), "AzureWebJobsStorage__tableServiceUri is host storage");
    }

    [TestMethod]
    public void Identity_IsKeyVaultSecretsUser_OnTheVault()
    {
        var assignment = HostAssignments(KeyVaultSecretsUser, "Microsoft.KeyVault/vaults").ToList();
        Assert.HasCount(1, assignment);
        var vault = ArmTemplate.Main.Single("Microsoft.KeyVault/vaults", _ => true, "Key Vault");
        Assert.AreSame(vault.Template, assignment[0].Template);
        Assert.IsTrue(vault.Get("properties.enableRbacAuthorization")!.GetValue<bool>(), "RBAC, no access policies");
    }

    [TestMethod]
    public void Identity_GetsNoBroadRoles()
    {
        // Owner, Contributor, User Access Administrator, Storage Account Contributor (control plane: keys, settings).
        string[] broad = ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "b24988ac-6180-42a0-ab88-20f7382dd24c",
            "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "17d1049b-9a84-46fb-8f53-869881c3d3ab"];
        var all = ArmTemplate.Main.OfType(RoleAssignments).ToList();
        Assert.IsNotEmpty(all);
        foreach (var role in broad)
            Assert.IsFalse(all.Any(r => ((string?)r.Get("properties.roleDefinitionId") ?? "").Contains(role, StringComparison.OrdinalIgnoreCase)), $"role {role} must not be assigned");

        // Storage Blob Data Owner only on host storage (no pipeline data there), for nobody on the lake.
        foreach (var owner in all.Where(r => ((string?)r.Get("properties.roleDefinitionId") ?? "").Contains(StorageBlobDataOwner, StringComparison.OrdinalIgnoreCase)))
            Assert.IsFalse(IsLake(AccountOf(owner)), "Storage Blob Data Owner is never given on the lake");
    }
}
