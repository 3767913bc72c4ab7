namespace Pipeline.Tests.Infra;

/// <summary>The pipeline's user-assigned identity and its least-privilege role assignments.</summary>
[TestClass]
public sealed class IdentityTemplateTests
{
    private const string RoleAssignments = "Microsoft.Authorization/roleAssignments";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
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
        Assert.IsGreaterThanOrEqualTo(3, passed.Count, "lake, host storage and Key Vault modules receive the identity");
        foreach (var v in passed)
            StringAssert.Contains(v!, "reference('identity').outputs.principalId");
    }

    [TestMethod]
    public void Identity_IsStorageBlobDataContributor_OnTheLake_AndOnHostStorage()
    {
        var onStorage = HostAssignments(StorageBlobDataContributor, "Microsoft.Storage/storageAccounts").ToList();
        Assert.HasCount(2, onStorage, "one Storage Blob Data Contributor assignment on each storage account");

        var scopedAccounts = onStorage.Select(a => ArmTemplate.Main.OfType("Microsoft.Storage/storageAccounts").Single(s => ReferenceEquals(s.Template, a.Template))).ToList();
        Assert.IsTrue(scopedAccounts.Any(s => s.Get("properties.isHnsEnabled")?.GetValue<bool>() == true), "on the lake");
        Assert.IsTrue(scopedAccounts.Any(s => s.Get("properties.isHnsEnabled") is null), "on the host storage");
        foreach (var a in onStorage)
            Assert.AreEqual("ServicePrincipal", (string?)a.Get("properties.principalType"));
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
        // Owner, Contributor, User Access Administrator, Storage Account Contributor, Storage Blob Data Owner.
        string[] broad = ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "b24988ac-6180-42a0-ab88-20f7382dd24c",
            "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "17d1049b-9a84-46fb-8f53-869881c3d3ab", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b"];
        var all = ArmTemplate.Main.OfType(RoleAssignments).Select(r => (string?)r.Get("properties.roleDefinitionId") ?? "").ToList();
        Assert.IsNotEmpty(all);
        foreach (var role in broad)
            Assert.IsFalse(all.Any(id => id.Contains(role, StringComparison.OrdinalIgnoreCase)), $"role {role} must not be assigned");
    }
}
