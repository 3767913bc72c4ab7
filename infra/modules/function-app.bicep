// The function app (functions/Pipeline.Functions, .NET isolated worker) on a Flex Consumption plan, after
// Azure-Samples/functions-quickstart-dotnet-azd-eventgrid-blob (infra/app/processor.bicep) without the AVM wrappers.
// Every connection is identity-based through the one user-assigned identity: no storage key, no connection string
// with a secret. docs/deploy.md says why Flex Consumption rather than Container Apps.
param planName string
param appName string
param location string
param tags object
param identityId string
param identityClientId string
@description('Blob endpoint of the host storage account, with a trailing slash (as primaryEndpoints.blob has it).')
param hostBlobEndpoint string
param hostQueueEndpoint string
param hostTableEndpoint string
@description('Container in host storage that holds the deployment package (Flex Consumption deployment storage).')
param deploymentContainerName string
@description('Blob endpoint of the lake, without a trailing slash (Lake__Root).')
param lakeBlobEndpoint string
param lakeQueueEndpoint string
param appInsightsConnectionString string
param smtpSecretUri string
param webhookSecretUri string
param nightlySchedule string
param timeZone string
@minValue(40)
@maxValue(1000)
@description('Upper bound of Flex Consumption instances (40 was the lowest value the platform accepted when this was written).')
param maximumInstanceCount int = 40
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: {
    reserved: true // Linux
  }
}

// Settings use the app's configuration keys (`:` becomes `__`). FUNCTIONS_WORKER_RUNTIME and
// FUNCTIONS_EXTENSION_VERSION are not set: on Flex Consumption the runtime comes from functionAppConfig.runtime and
// the platform refuses those settings. TZ and WEBSITE_TIME_ZONE are deliberately absent: the schedule has two UTC
// occurrences and the app's wall-clock guard starts the run at 02:00 in Pipeline__TimeZone.
var appSettings = [
  // AzureWebJobsStorage (timer status, singleton locks, host keys) by identity.
  { name: 'AzureWebJobsStorage__blobServiceUri', value: hostBlobEndpoint }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: hostQueueEndpoint }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: hostTableEndpoint }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  // The blob triggers' connection to the lake (Event Grid source); the poison queue lives in the lake account too.
  { name: 'PipelineLake__blobServiceUri', value: lakeBlobEndpoint }
  { name: 'PipelineLake__queueServiceUri', value: lakeQueueEndpoint }
  { name: 'PipelineLake__credential', value: 'managedidentity' }
  { name: 'PipelineLake__clientId', value: identityClientId }
  // Pipeline.Core reaches the lake through its blob service URL with DefaultAzureCredential; AZURE_CLIENT_ID makes
  // that credential pick the user-assigned identity.
  { name: 'Lake__Root', value: lakeBlobEndpoint }
  { name: 'Lake__ContainerPrefix', value: '' }
  { name: 'AZURE_CLIENT_ID', value: identityClientId }
  { name: 'Pipeline__NightlySchedule', value: nightlySchedule }
  { name: 'Pipeline__TimeZone', value: timeZone }
  // Application Insights with Entra ID auth (local auth is off on the component). The connection string only
  // says where telemetry goes; it grants no read access.
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
  // Key Vault references, resolved by the platform with keyVaultReferenceIdentity below. Versionless URIs: a rotated
  // secret is picked up without redeploying.
  { name: 'Alerts__Smtp__Password', value: '@Microsoft.KeyVault(SecretUri=${smtpSecretUri})' }
  { name: 'Alerts__Webhook__Url', value: '@Microsoft.KeyVault(SecretUri=${webhookSecretUri})' }
]

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'pipeline' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: appSettings
    }
  }
}

// No publishing user name/password: azd deploys with Entra ID (OneDeploy to the deployment container).
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
output planName string = plan.name
