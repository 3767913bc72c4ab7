// The host's own storage (AzureWebJobsStorage): timer schedule status, singleton leases, blob-trigger receipts and
// the poison queue. Kept apart from the lake so that analysts never see it and it can be wiped without data loss.
param name string
param location string
param tags object
param hostPrincipalId string

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

// Storage Blob Data Contributor: leases and receipts are blobs.
resource blobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: host
  name: guid(host.id, hostPrincipalId, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: hostPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Queue Data Contributor: blob triggers hand new blobs over through a queue in host storage.
resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: host
  name: guid(host.id, hostPrincipalId, '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
    principalId: hostPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = host.name
output blobEndpoint string = 'https://${host.name}.blob.${environment().suffixes.storage}'
output queueEndpoint string = 'https://${host.name}.queue.${environment().suffixes.storage}'
