// The lake: ADLS Gen2 (hierarchical namespace) with one container per zone. Entra ID only (shared key off), TLS 1.2,
// no anonymous access; soft delete and versioning protect against a bad overwrite, raw ages to the cool tier.
param name string
param location string
param tags object
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS', 'Standard_GZRS', 'Standard_RAGZRS'])
param skuName string
@minValue(1)
@maxValue(365)
param softDeleteDays int
@description('raw/ is write-once and read again only when silver is rebuilt: after this many days it moves to cool.')
param rawCoolAfterDays int
param hostPrincipalId string
param deployerPrincipalId string
param deployerPrincipalType string
param analystsGroupId string

// Zones of Pipeline.Core.Lake.LakeZones; `_runs` and `_state` map to `runs` and `state` (container names cannot
// start with an underscore; the app's LakeNameResolver strips it the same way).
var containers = ['landing', 'raw', 'silver', 'gold', 'quarantine', 'runs', 'state', 'reports']

resource lake 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: skuName }
  properties: {
    isHnsEnabled: true
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
  parent: lake
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: softDeleteDays }
    containerDeleteRetentionPolicy: { enabled: true, days: softDeleteDays }
  }
}

resource zone 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = [
  for c in containers: {
    parent: blobService
    name: c
    properties: { publicAccess: 'None' }
  }
]

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2024-01-01' = {
  parent: lake
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'raw-to-cool'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['raw/'] }
            actions: { baseBlob: { tierToCool: { daysAfterModificationGreaterThan: rawCoolAfterDays } } }
          }
        }
        {
          // Versioning keeps every overwrite of silver/gold; older versions are only for recovery.
          name: 'expire-old-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'] }
            actions: { version: { delete: { daysAfterCreationGreaterThan: 90 } } }
          }
        }
      ]
    }
  }
  dependsOn: [zone]
}

// Built-in role ids (the same in every tenant).
var blobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var queueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'

// Storage Blob Data Contributor, not Owner: the app reads and writes blobs; Owner would also let it rewrite the
// hierarchical namespace's ACLs.

resource hostContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: lake
  name: guid(lake.id, hostPrincipalId, blobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: hostPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Queue Data Contributor: the blob triggers' connection (PipelineLake) writes a blob that failed every attempt
// to the poison queue `webjobs-blobtrigger-poison` in this account.
resource hostQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: lake
  name: guid(lake.id, hostPrincipalId, queueDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
    principalId: hostPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource deployerContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  scope: lake
  name: guid(lake.id, deployerPrincipalId, blobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}

// Storage Blob Data Reader: analysts read every zone, write none.
resource analystsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(analystsGroupId)) {
  scope: lake
  name: guid(lake.id, analystsGroupId, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
    principalId: analystsGroupId
    principalType: 'Group'
  }
}

output name string = lake.name
output id string = lake.id
// Without the trailing slash: the app's Lake__Root is the bare service URL.
output blobEndpoint string = 'https://${lake.name}.blob.${environment().suffixes.storage}'
output queueEndpoint string = 'https://${lake.name}.queue.${environment().suffixes.storage}'
output dfsEndpoint string = 'https://${lake.name}.dfs.${environment().suffixes.storage}'
output containers array = containers
