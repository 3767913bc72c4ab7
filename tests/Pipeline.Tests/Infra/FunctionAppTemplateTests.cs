using System.Text.Json.Nodes;

namespace Pipeline.Tests.Infra;

/// <summary>The function app on Flex Consumption (infra/modules/function-app.bicep): plan, runtime, deployment storage,
/// settings and publishing lock-down, as compiled into artifacts/infra/main.json.</summary>
[TestClass]
public sealed class FunctionAppTemplateTests
{
    private static ArmResource App => ArmTemplate.Main.Single("Microsoft.Web/sites", r => r.Node["existing"] is null, "function app");
    private static ArmResource Plan => ArmTemplate.Main.Single("Microsoft.Web/serverfarms", _ => true, "function app plan");

    private static Dictionary<string, string> Settings()
    {
        var settings = App.Get("properties.siteConfig.appSettings");
        Assert.IsNotNull(settings, "the app settings are in siteConfig.appSettings");
        return settings.AsArray().Select(s => s!.AsObject()).ToDictionary(s => (string)s["name"]!, s => (string?)s["value"] ?? "");
    }

    [TestMethod]
    public void Plan_IsFlexConsumption_OnLinux()
    {
        Assert.AreEqual("FC1", (string?)Plan.Get("sku.name"));
        Assert.AreEqual("FlexConsumption", (string?)Plan.Get("sku.tier"));
        Assert.AreEqual("functionapp", (string?)Plan.Get("kind"));
        Assert.IsTrue(Plan.Get("properties.reserved")!.GetValue<bool>(), "reserved = Linux");
        Assert.AreSame(Plan.Template, App.Template);
        StringAssert.Contains((string?)App.Get("properties.serverFarmId") ?? "", "Microsoft.Web/serverfarms");
        Assert.AreEqual("functionapp,linux", (string?)App.Get("kind"));
    }

    [TestMethod]
    public void App_IsTheAzdServicePipeline()
    {
        StringAssert.Contains((string?)App.Get("tags") ?? "", "createObject('azd-service-name', 'pipeline')");
        var outputs = ArmTemplate.Main.Root["outputs"]!;
        foreach (var name in new[] { "SERVICE_PIPELINE_NAME", "AZURE_FUNCTION_APP_NAME", "AZURE_FUNCTION_APP_HOSTNAME", "LAKE_EVENTGRID_TOPIC_NAME", "AZURE_RESOURCE_GROUP" })
            Assert.IsNotNull(outputs[name], $"output {name} (azd and infra/hooks/postdeploy.sh read it)");
    }

    [TestMethod]
    public void Runtime_IsDotnetIsolated10()
    {
        Assert.AreEqual("dotnet-isolated", (string?)App.Get("properties.functionAppConfig.runtime.name"));
        Assert.AreEqual("10.0", (string?)App.Get("properties.functionAppConfig.runtime.version"));
        Assert.AreEqual("[parameters('instanceMemoryMB')]", (string?)App.Get("properties.functionAppConfig.scaleAndConcurrency.instanceMemoryMB"));
        Assert.AreEqual(2048, App.ParameterDefault("instanceMemoryMB")!.GetValue<int>());
        Assert.IsNotNull(App.Get("properties.functionAppConfig.scaleAndConcurrency.maximumInstanceCount"));
    }

    [TestMethod]
    public void DeploymentStorage_IsAContainerInHostStorage_ReadWithTheUserAssignedIdentity()
    {
        var storage = App.Get("properties.functionAppConfig.deployment.storage")!;
        Assert.AreEqual("blobContainer", (string?)storage["type"]);
        Assert.AreEqual("[format('{0}{1}', parameters('hostBlobEndpoint'), parameters('deploymentContainerName'))]", (string?)storage["value"]);
        Assert.AreEqual("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.AreEqual("[parameters('identityId')]", (string?)storage["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.IsNull(storage["authentication"]!["storageAccountConnectionStringName"], "no connection string for the package");

        StringAssert.Contains((string?)ArmTemplate.Main.ModuleParameter(App, "hostBlobEndpoint") ?? "", "reference('hostStorage').outputs.blobEndpoint");
        StringAssert.Contains((string?)ArmTemplate.Main.ModuleParameter(App, "deploymentContainerName") ?? "", "reference('hostStorage').outputs.deploymentContainerName");
    }

    [TestMethod]
    public void App_HasTheUserAssignedIdentity_ForKeyVaultReferencesToo()
    {
        Assert.AreEqual("UserAssigned", (string?)App.Get("identity.type"));
        var ids = App.Get("identity.userAssignedIdentities")!.AsObject().Select(p => p.Key).ToList();
        Assert.HasCount(1, ids);
        StringAssert.Contains(ids[0], "parameters('identityId')");
        Assert.AreEqual("[parameters('identityId')]", (string?)App.Get("properties.keyVaultReferenceIdentity"));
        StringAssert.Contains((string?)ArmTemplate.Main.ModuleParameter(App, "identityId") ?? "", "reference('identity').outputs.id");
    }

    [TestMethod]
    public void HostStorage_IsReachedByIdentity_NotByConnectionString()
    {
        var s = Settings();
        Assert.IsFalse(s.ContainsKey("AzureWebJobsStorage"), "no AzureWebJobsStorage connection string");
        Assert.AreEqual("[parameters('hostBlobEndpoint')]", s["AzureWebJobsStorage__blobServiceUri"]);
        Assert.AreEqual("[parameters('hostQueueEndpoint')]", s["AzureWebJobsStorage__queueServiceUri"]);
        Assert.AreEqual("[parameters('hostTableEndpoint')]", s["AzureWebJobsStorage__tableServiceUri"]);
        Assert.AreEqual("managedidentity", s["AzureWebJobsStorage__credential"]);
        Assert.AreEqual("[parameters('identityClientId')]", s["AzureWebJobsStorage__clientId"]);
    }

    [TestMethod]
    public void Lake_IsReachedByIdentity_ByTheBlobTriggersAndByCore()
    {
        var s = Settings();
        Assert.IsFalse(s.ContainsKey("PipelineLake"), "no PipelineLake connection string");
        Assert.AreEqual("[parameters('lakeBlobEndpoint')]", s["PipelineLake__blobServiceUri"]);
        Assert.AreEqual("[parameters('lakeQueueEndpoint')]", s["PipelineLake__queueServiceUri"], "the blob triggers' poison queue is in the lake account");
        Assert.AreEqual("managedidentity", s["PipelineLake__credential"]);
        Assert.AreEqual("[parameters('identityClientId')]", s["PipelineLake__clientId"]);
        Assert.AreEqual("[parameters('lakeBlobEndpoint')]", s["Lake__Root"]);
        Assert.AreEqual("", s["Lake__ContainerPrefix"]);
        Assert.AreEqual("[parameters('identityClientId')]", s["AZURE_CLIENT_ID"], "DefaultAzureCredential picks the user-assigned identity");

        StringAssert.Contains((string?)ArmTemplate.Main.ModuleParameter(App, "lakeBlobEndpoint") ?? "", "reference('lake').outputs.blobEndpoint");
        StringAssert.Contains((string?)ArmTemplate.Main.ModuleParameter(App, "lakeQueueEndpoint") ?? "", "reference('lake').outputs.queueEndpoint");
        StringAssert.Contains((string?)ArmTemplate.Main.ModuleParameter(App, "identityClientId") ?? "", "reference('identity').outputs.clientId");
    }

    [TestMethod]
    public void NoSetting_CarriesAStorageKeyOrSecretConnectionString()
    {
        foreach (var (name, value) in Settings())
        {
            foreach (var marker in new[] { "AccountKey=", "listKeys", "SharedAccessSignature", "sig=" })
                Assert.DoesNotContain(marker, value, $"{name} must not carry a key");
            if (name.Contains("CONNECTION", StringComparison.OrdinalIgnoreCase) || name.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase))
                Assert.AreEqual("APPLICATIONINSIGHTS_CONNECTION_STRING", name, "the only connection string is Application Insights' (no secret in it)");
        }

        // Nowhere in the whole template: no storage (or workspace) key is ever read.
        var text = ArmTemplate.Main.Root.ToJsonString();
        Assert.DoesNotContain("listKeys", text);
        Assert.DoesNotContain("AccountKey=", text);
    }

    [TestMethod]
    public void Settings_LeaveTheRuntimeToFunctionAppConfig()
    {
        // Flex Consumption refuses these: the runtime and the package come from functionAppConfig.
        var s = Settings();
        foreach (var name in new[] { "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE",
                     "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE", "DEPLOYMENT_STORAGE_CONNECTION_STRING" })
            Assert.IsFalse(s.ContainsKey(name), $"{name} must not be set on Flex Consumption");
    }

    [TestMethod]
    public void NightlySchedule_HasTwoUtcOccurrences_OneOfWhichIs0200InAmsterdam_WithoutPlatformTimeZone()
    {
        var s = Settings();
        Assert.AreEqual("[parameters('nightlySchedule')]", s["Pipeline__NightlySchedule"]);
        Assert.AreEqual("[parameters('timeZone')]", s["Pipeline__TimeZone"]);
        Assert.IsFalse(s.ContainsKey("TZ"), "no TZ: the wall-clock guard, not the platform clock, finds 02:00");
        Assert.IsFalse(s.ContainsKey("WEBSITE_TIME_ZONE"), "no WEBSITE_TIME_ZONE (unsupported on Linux consumption plans)");

        var main = ArmTemplate.Main.Root["parameters"]!;
        var schedule = (string?)main["nightlySchedule"]!["defaultValue"];
        Assert.AreEqual("0 0 0,1 * * *", schedule);
        Assert.AreEqual("Europe/Amsterdam", (string?)main["timeZone"]!["defaultValue"]);

        // 02:00 in Amsterdam is one of the schedule's UTC hours in winter (CET) and in summer (CEST).
        var hours = schedule!.Split(' ')[2].Split(',').Select(int.Parse).ToHashSet();
        var amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        foreach (var day in new[] { new DateTime(2026, 1, 15), new DateTime(2026, 7, 15), new DateTime(2026, 3, 30), new DateTime(2026, 10, 26) })
        {
            var utc = TimeZoneInfo.ConvertTimeToUtc(day.AddHours(2), amsterdam);
            Assert.Contains(utc.Hour, hours, $"02:00 Amsterdam on {day:yyyy-MM-dd} is {utc:HH:mm} UTC");
        }

        // The main template passes them on unchanged.
        Assert.AreEqual("[parameters('nightlySchedule')]", (string?)ArmTemplate.Main.ModuleParameter(App, "nightlySchedule"));
        Assert.AreEqual("[parameters('timeZone')]", (string?)ArmTemplate.Main.ModuleParameter(App, "timeZone"));
    }

    [TestMethod]
    public void AlertSecrets_AreKeyVaultReferences()
    {
        var s = Settings();
        foreach (var (setting, uriParameter, output) in new[]
                 {
                     ("Alerts__Smtp__Password", "smtpSecretUri", "reference('keyVault').outputs.smtpSecretUri"),
                     ("Alerts__Webhook__Url", "webhookSecretUri", "reference('keyVault').outputs.webhookSecretUri"),
                 })
        {
            Assert.AreEqual($"[format('@Microsoft.KeyVault(SecretUri={{0}})', parameters('{uriParameter}'))]", s[setting], $"{setting} is a Key Vault reference");
            StringAssert.Contains((string?)ArmTemplate.Main.ModuleParameter(App, uriParameter) ?? "", output);
        }
    }

    [TestMethod]
    public void App_IsHttpsOnly_Tls12_WithoutFtpOrBasicPublishingCredentials()
    {
        Assert.IsTrue(App.Get("properties.httpsOnly")!.GetValue<bool>());
        Assert.AreEqual("1.2", (string?)App.Get("properties.siteConfig.minTlsVersion"));
        Assert.AreEqual("Disabled", (string?)App.Get("properties.siteConfig.ftpsState"));

        var policies = ArmTemplate.Main.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        foreach (var kind in new[] { "ftp", "scm" })
        {
            var policy = policies.Where(p => ((string?)p.Get("name") ?? "").EndsWith($"'{kind}')]", StringComparison.Ordinal)).ToList();
            Assert.HasCount(1, policy, $"one {kind} basic publishing credentials policy");
            Assert.IsFalse(policy[0].Get("properties.allow")!.GetValue<bool>(), $"{kind} basic auth off");
            Assert.AreSame(App.Template, policy[0].Template);
        }
    }

    [TestMethod]
    public void AppInsights_IsReachedWithEntraId()
    {
        var s = Settings();
        Assert.AreEqual("[parameters('appInsightsConnectionString')]", s["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.AreEqual("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", s["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);

        var component = ArmTemplate.Main.Single("Microsoft.Insights/components", _ => true, "Application Insights");
        Assert.IsTrue(component.Get("properties.DisableLocalAuth")!.GetValue<bool>(), "telemetry only with an Entra ID token");
        Assert.IsNotNull(component.Get("properties.WorkspaceResourceId"), "workspace-based: telemetry lands in the App* tables the alerts read");
        var publisher = ArmTemplate.Main.OfType("Microsoft.Authorization/roleAssignments").Where(r =>
            ((string?)r.Get("properties.roleDefinitionId") ?? "").Contains("3913510d-42f4-4e42-8a64-420c390055eb", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.HasCount(1, publisher, "Monitoring Metrics Publisher for the identity");
        Assert.AreEqual("[parameters('hostPrincipalId')]", (string?)publisher[0].Get("properties.principalId"));
        StringAssert.Contains((string?)publisher[0].Get("scope") ?? "", "Microsoft.Insights/components");
    }
}
