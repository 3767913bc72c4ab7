// Azure Container Apps runs `pipeline host` (the WebJobs SDK host) as one always-on replica: no ingress, no HTTP
// endpoint, min = max = 1 so the nightly timer and the blob triggers are always listening. docs/deploy.md says why
// Container Apps rather than App Service.
param environmentName string
param appName string
param location string
param tags object
param logAnalyticsName string
param identityId string
param identityClientId string
param registryServer string
param image string
param lakeBlobEndpoint string
param hostBlobEndpoint string
param hostQueueEndpoint string
param appInsightsConnectionString string
param smtpSecretUri string
param webhookSecretUri string
param nightlySchedule string
param timeZone string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

resource containerEnv 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    // Console output (the host's logs) lands in Log Analytics, where the nightly-run alert rules read it.
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
  }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'pipeline' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    managedEnvironmentId: containerEnv.id
    configuration: {
      activeRevisionsMode: 'Single'
      registries: [{ server: registryServer, identity: identityId }]
      // Key Vault references: Container Apps fetches the values with the pipeline identity.
      secrets: [
        { name: 'alerts-smtp-password', keyVaultUrl: smtpSecretUri, identity: identityId }
        { name: 'alerts-webhook-url', keyVaultUrl: webhookSecretUri, identity: identityId }
      ]
    }
    template: {
      containers: [
        {
          name: 'pipeline'
          image: image
          // The image's entry point is `dotnet pipeline.dll` with `host` as its default argument.
          // Settings use the app's configuration keys (`:` becomes `__` in environment variables).
          env: [
            // The lake through Entra ID: Lake:Root is the blob service URL; AZURE_CLIENT_ID makes
            // DefaultAzureCredential use the pipeline identity.
            { name: 'Lake__Root', value: lakeBlobEndpoint }
            { name: 'Lake__ContainerPrefix', value: '' }
            { name: 'AZURE_CLIENT_ID', value: identityClientId }
            // Identity-based connections instead of connection strings (WebJobs `<connection>__serviceUri` convention).
            { name: 'AzureWebJobsStorage__blobServiceUri', value: hostBlobEndpoint }
            { name: 'AzureWebJobsStorage__queueServiceUri', value: hostQueueEndpoint }
            { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
            { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
            // The blob triggers' connection (LakeNameResolver.LakeConnection) to the lake.
            { name: 'PipelineLake__serviceUri', value: lakeBlobEndpoint }
            { name: 'PipelineLake__credential', value: 'managedidentity' }
            { name: 'PipelineLake__clientId', value: identityClientId }
            { name: 'Pipeline__NightlySchedule', value: nightlySchedule }
            // The timer reads its schedule in local time: TZ sets it for .NET on Linux; WEBSITE_TIME_ZONE is
            // App Service's name for it, kept so the settings carry over unchanged.
            { name: 'TZ', value: timeZone }
            { name: 'WEBSITE_TIME_ZONE', value: timeZone }
            { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
            { name: 'Alerts__Smtp__Password', secretRef: 'alerts-smtp-password' }
            { name: 'Alerts__Webhook__Url', secretRef: 'alerts-webhook-url' }
          ]
          resources: { cpu: json('0.5'), memory: '1Gi' }
        }
      ]
      // Exactly one replica: timers need a running process, and one host keeps the singleton leases uncontended.
      scale: { minReplicas: 1, maxReplicas: 1 }
    }
  }
}

output environmentName string = containerEnv.name
output appName string = app.name
