// The whole deployment of the pipeline: one resource group with the lake, the host's own storage, the function app
// (Flex Consumption) that runs functions/Pipeline.Functions, its managed identity, the Event Grid system topic that
// feeds the blob triggers, Key Vault, monitoring and the nightly-run alerts.
// Subscription scope so that `azd up` (and `az deployment sub create`) can create the resource group itself.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment (e.g. werkagenda-dev); used in the resource group name and for unique names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource, e.g. westeurope.')
param location string

@allowed(['dev', 'prod'])
@description('dev: cheapest settings, short retention. prod: zone-redundant lake, longer retention, purge protection.')
param environmentType string = 'dev'

@description('Object id of the person or pipeline running the deployment (azd fills AZURE_PRINCIPAL_ID); gets Key Vault Secrets Officer and Storage Blob Data Contributor on the lake. Empty: none.')
param principalId string = ''

@allowed(['User', 'ServicePrincipal'])
@description('Kind of principal principalId is: User for a person at a terminal, ServicePrincipal for CI.')
param principalType string = 'User'

@description('Object id of an Entra ID group of analysts; gets Storage Blob Data Reader on the lake. Empty: none.')
param analystsGroupId string = ''

@description('E-mail address that receives the nightly-run alerts. Empty: the alert rules fire without notifying anyone.')
param alertEmail string = ''

@description('NCRONTAB (six fields, UTC) of the nightly timer: 00:00 and 01:00 UTC, one of which is 02:00 in Amsterdam in winter (UTC+1) or summer (UTC+2). The app\'s wall-clock guard starts the run only at the occurrence that is 02:00 in timeZone.')
param nightlySchedule string = '0 0 0,1 * * *'

@description('IANA time zone of the wall-clock guard (Pipeline__TimeZone). Not TZ or WEBSITE_TIME_ZONE: the platform clock stays UTC.')
param timeZone string = 'Europe/Amsterdam'

@minValue(40)
@maxValue(1000)
@description('Upper bound of Flex Consumption instances of the function app.')
param maximumInstanceCount int = 40

@secure()
@description('SMTP password for the e-mail alert channel. Empty: the Key Vault secret is left as it is (set it there directly).')
param smtpPassword string = ''

@secure()
@description('Webhook URL of the alert channel (it carries its own token). Empty: the Key Vault secret is left as it is.')
param alertWebhookUrl string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName, workload: 'werkagenda-mbo-pipeline', environment: environmentType }
var isProd = environmentType == 'prod'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: rg
  params: {
    name: 'id-pipeline-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    appInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    retentionInDays: isProd ? 90 : 30
    hostPrincipalId: identity.outputs.principalId
  }
}

module lake 'modules/storage-lake.bicep' = {
  scope: rg
  params: {
    name: 'stlake${resourceToken}'
    location: location
    tags: tags
    skuName: isProd ? 'Standard_ZRS' : 'Standard_LRS'
    softDeleteDays: isProd ? 30 : 7
    rawCoolAfterDays: 30
    hostPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
    analystsGroupId: analystsGroupId
  }
}

module hostStorage 'modules/storage-host.bicep' = {
  scope: rg
  params: {
    name: 'sthost${resourceToken}'
    location: location
    tags: tags
    hostPrincipalId: identity.outputs.principalId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    purgeProtection: isProd
    hostPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
    smtpPassword: smtpPassword
    alertWebhookUrl: alertWebhookUrl
  }
}

module functionApp 'modules/function-app.bicep' = {
  scope: rg
  params: {
    planName: 'plan-pipeline-${resourceToken}'
    appName: 'func-pipeline-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    hostBlobEndpoint: hostStorage.outputs.blobEndpoint
    hostQueueEndpoint: hostStorage.outputs.queueEndpoint
    hostTableEndpoint: hostStorage.outputs.tableEndpoint
    deploymentContainerName: hostStorage.outputs.deploymentContainerName
    lakeBlobEndpoint: lake.outputs.blobEndpoint
    lakeQueueEndpoint: lake.outputs.queueEndpoint
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    smtpSecretUri: keyVault.outputs.smtpSecretUri
    webhookSecretUri: keyVault.outputs.webhookSecretUri
    nightlySchedule: nightlySchedule
    timeZone: timeZone
    maximumInstanceCount: maximumInstanceCount
    // Using the other modules' outputs makes this module wait for them, role assignments included: the identity can
    // read the deployment container, host storage, the lake and the secrets before the app first starts.
  }
}

// The subscriptions on this topic (raw/ and landing/ to the blobs extension webhook) are made by
// infra/hooks/postdeploy.sh after `azd deploy`: the webhook's key exists only once the code runs.
module lakeEvents 'modules/eventgrid.bicep' = {
  scope: rg
  params: {
    name: 'evgt-lake-${resourceToken}'
    location: location
    tags: tags
    lakeAccountId: lake.outputs.id
  }
}

module alerts 'modules/alerts.bicep' = {
  scope: rg
  params: {
    namePrefix: 'pipeline-${resourceToken}'
    location: location
    tags: tags
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    alertEmail: alertEmail
  }
}

// azd reads these outputs into the environment (.azure/<env>/.env).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_PIPELINE_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_HOSTNAME string = functionApp.outputs.defaultHostName
output LAKE_EVENTGRID_TOPIC_NAME string = lakeEvents.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output LAKE_STORAGE_ACCOUNT string = lake.outputs.name
output LAKE_BLOB_ENDPOINT string = lake.outputs.blobEndpoint
output LAKE_DFS_ENDPOINT string = lake.outputs.dfsEndpoint
output HOST_STORAGE_ACCOUNT string = hostStorage.outputs.name
output PIPELINE_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output LOG_ANALYTICS_WORKSPACE_ID string = monitoring.outputs.logAnalyticsId
output NIGHTLY_ALERT_RULES array = alerts.outputs.ruleNames
