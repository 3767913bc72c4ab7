// The host's own storage (AzureWebJobsStorage): timer schedule status, singleton locks, host keys, and the function
// app's deployment package (Flex Consumption deployment storage). Kept apart from the lake so that analysts never see
// it and it can be wiped without data loss (a wipe loses the package: `azd deploy` puts it back).
param name string
param location string
param tags object
param hostPrincipalId string
@description('Container that holds the function app package; the app reads it with the pipeline identity.')
param deploymentContainerName string = 'app-package'

resource host 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: host
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

// Built-in role ids (the same in every tenant).
var blobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var queueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var tableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

// Storage Blob Data Owner: the role the Functions host documents for an identity-based AzureWebJobsStorage, and the
// deployment package container. Only on this account, which holds no data of the pipeline.
resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: host
  name: guid(host.id, hostPrincipalId, blobDataOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
    principalId: hostPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Queue Data Contributor: host queues of AzureWebJobsStorage.
resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: host
  name: guid(host.id, hostPrincipalId, queueDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
    principalId: hostPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Table Data Contributor: AzureWebJobsStorage__tableServiceUri (host state the runtime keeps in tables).
resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: host
  name: guid(host.id, hostPrincipalId, tableDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
    principalId: hostPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = host.name
// With the trailing slash, as primaryEndpoints has them: the deployment storage value is `<blob endpoint><container>`.
output blobEndpoint string = host.properties.primaryEndpoints.blob
output queueEndpoint string = host.properties.primaryEndpoints.queue
output tableEndpoint string = host.properties.primaryEndpoints.table
output deploymentContainerName string = deploymentContainer.name
