// The whole deployment of the pipeline: one resource group with the lake, the host's own storage, the container app
// that runs `pipeline host`, its managed identity, Key Vault, monitoring and the nightly-run alerts.
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

@description('NCRONTAB (six fields) of the nightly refresh, in the time zone below.')
param nightlySchedule string = '0 0 2 * * *'

@description('IANA time zone of the container: the timer schedule is read in local time (02:00 Dutch time).')
param timeZone string = 'Europe/Amsterdam'

@description('True once azd has deployed the pipeline image (SERVICE_PIPELINE_RESOURCE_EXISTS): keeps that image on re-provisioning.')
param pipelineImageExists bool = false

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

module registry 'modules/registry.bicep' = {
  scope: rg
  params: {
    name: 'cr${resourceToken}'
    location: location
    tags: tags
    pullPrincipalId: identity.outputs.principalId
  }
}

module pipelineImage 'modules/fetch-container-image.bicep' = {
  scope: rg
  params: {
    exists: pipelineImageExists
    name: 'ca-pipeline-${resourceToken}'
  }
}

module app 'modules/container-app.bicep' = {
  scope: rg
  params: {
    environmentName: 'cae-${resourceToken}'
    appName: 'ca-pipeline-${resourceToken}'
    location: location
    tags: tags
    logAnalyticsName: monitoring.outputs.logAnalyticsName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    registryServer: registry.outputs.loginServer
    image: pipelineImage.outputs.image
    lakeBlobEndpoint: lake.outputs.blobEndpoint
    hostBlobEndpoint: hostStorage.outputs.blobEndpoint
    hostQueueEndpoint: hostStorage.outputs.queueEndpoint
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    smtpSecretUri: keyVault.outputs.smtpSecretUri
    webhookSecretUri: keyVault.outputs.webhookSecretUri
    nightlySchedule: nightlySchedule
    timeZone: timeZone
    // Using the other modules' outputs makes this module wait for them, role assignments included: the identity can
    // pull the image and read the secrets before the first revision starts.
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
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = app.outputs.environmentName
output SERVICE_PIPELINE_NAME string = app.outputs.appName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output LAKE_STORAGE_ACCOUNT string = lake.outputs.name
output LAKE_BLOB_ENDPOINT string = lake.outputs.blobEndpoint
output LAKE_DFS_ENDPOINT string = lake.outputs.dfsEndpoint
output HOST_STORAGE_ACCOUNT string = hostStorage.outputs.name
output PIPELINE_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output LOG_ANALYTICS_WORKSPACE_ID string = monitoring.outputs.logAnalyticsId
output NIGHTLY_ALERT_RULES array = alerts.outputs.ruleNames
