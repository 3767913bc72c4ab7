using System.Text.Json.Nodes;

namespace Pipeline.Tests.Infra;

/// <summary>The container app that runs <c>pipeline host</c>: its settings, secrets and scale.</summary>
[TestClass]
public sealed class HostAppTemplateTests
{
    private static ArmResource App => ArmTemplate.Main.Single("Microsoft.App/containerApps", r => r.Node["existing"] is null, "pipeline container app");

    private static Dictionary<string, JsonObject> Env()
    {
        var containers = App.Get("properties.template.containers")!.AsArray();
        Assert.HasCount(1, containers);
        return containers[0]!["env"]!.AsArray().Select(e => e!.AsObject()).ToDictionary(e => (string)e["name"]!);
    }

    [TestMethod]
    public void HostStorage_IsReachedByIdentity_NotByConnectionString()
    {
        var env = Env();
        Assert.IsFalse(env.ContainsKey("AzureWebJobsStorage"), "no AzureWebJobsStorage connection string");
        Assert.AreEqual("[parameters('hostBlobEndpoint')]", (string?)env["AzureWebJobsStorage__blobServiceUri"]["value"]);
        Assert.AreEqual("[parameters('hostQueueEndpoint')]", (string?)env["AzureWebJobsStorage__queueServiceUri"]["value"]);
        Assert.AreEqual("managedidentity", (string?)env["AzureWebJobsStorage__credential"]["value"]);
        Assert.AreEqual("[parameters('identityClientId')]", (string?)env["AzureWebJobsStorage__clientId"]["value"]);
    }

    [TestMethod]
    public void Lake_IsReachedByIdentity_ThroughItsBlobServiceUrl()
    {
        var env = Env();
        Assert.AreEqual("[parameters('lakeBlobEndpoint')]", (string?)env["Lake__Root"]["value"]);
        Assert.AreEqual("", (string?)env["Lake__ContainerPrefix"]["value"]);
        Assert.AreEqual("[parameters('lakeBlobEndpoint')]", (string?)env["PipelineLake__serviceUri"]["value"]);
        Assert.AreEqual("managedidentity", (string?)env["PipelineLake__credential"]["value"]);
        Assert.AreEqual("[parameters('identityClientId')]", (string?)env["PipelineLake__clientId"]["value"]);
        Assert.AreEqual("[parameters('identityClientId')]", (string?)env["AZURE_CLIENT_ID"]["value"], "DefaultAzureCredential picks the user-assigned identity");

        // The endpoint the module passes is the bare blob service URL of the lake account.
        StringAssert.Contains((string?)ArmTemplate.Main.ModuleParameter(App, "lakeBlobEndpoint") ?? "", "reference('lake').outputs.blobEndpoint");
    }

    [TestMethod]
    public void NoSetting_CarriesAStorageKeyOrConnectionString()
    {
        foreach (var (name, e) in Env())
        {
            var value = (string?)e["value"] ?? "";
            Assert.DoesNotContain("AccountKey=", value, $"{name} must not carry a key");
            Assert.DoesNotContain("listKeys", value, $"{name} must not carry a key");
        }
    }

    [TestMethod]
    public void AlertSecrets_AreKeyVaultReferences_ReadWithTheIdentity()
    {
        var env = Env();
        var secrets = App.Get("properties.configuration.secrets")!.AsArray().Select(s => s!.AsObject()).ToDictionary(s => (string)s["name"]!);
        foreach (var (setting, uriParameter) in new[] { ("Alerts__Smtp__Password", "smtpSecretUri"), ("Alerts__Webhook__Url", "webhookSecretUri") })
        {
            Assert.IsNull(env[setting]["value"], $"{setting} has no literal value");
            var secret = secrets[(string)env[setting]["secretRef"]!];
            Assert.AreEqual($"[parameters('{uriParameter}')]", (string?)secret["keyVaultUrl"], $"{setting} is a Key Vault reference");
            Assert.AreEqual("[parameters('identityId')]", (string?)secret["identity"]);
            Assert.IsNull(secret["value"], $"{setting}: the secret value never passes through the template");
        }
    }

    [TestMethod]
    public void NightlySchedule_Is0200_DutchTime()
    {
        var env = Env();
        Assert.AreEqual("[parameters('nightlySchedule')]", (string?)env["Pipeline__NightlySchedule"]["value"]);
        Assert.AreEqual("[parameters('timeZone')]", (string?)env["TZ"]["value"]);
        Assert.AreEqual("[parameters('timeZone')]", (string?)env["WEBSITE_TIME_ZONE"]["value"]);
        var main = ArmTemplate.Main.Root["parameters"]!;
        Assert.AreEqual("0 0 2 * * *", (string?)main["nightlySchedule"]!["defaultValue"]);
        Assert.AreEqual("Europe/Amsterdam", (string?)main["timeZone"]!["defaultValue"]);
    }

    [TestMethod]
    public void Host_RunsAsExactlyOneAlwaysOnReplica_WithoutIngress()
    {
        Assert.AreEqual(1, App.Get("properties.template.scale.minReplicas")!.GetValue<int>());
        Assert.AreEqual(1, App.Get("properties.template.scale.maxReplicas")!.GetValue<int>());
        Assert.IsNull(App.Get("properties.configuration.ingress"), "the host serves no HTTP");
        Assert.AreEqual("UserAssigned", (string?)App.Get("identity.type"));
        Assert.AreEqual("[parameters('identityId')]", (string?)App.Get("properties.configuration.registries")!.AsArray()[0]!["identity"], "image pulled with the identity");
    }

    [TestMethod]
    public void AppInsights_ConnectionString_IsSet()
    {
        StringAssert.Contains((string?)Env()["APPLICATIONINSIGHTS_CONNECTION_STRING"]["value"] ?? "", "appInsightsConnectionString");
    }
}
