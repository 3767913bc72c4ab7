// Key Vault for the alert channels' secrets. RBAC only (no access policies); the app reads them through Key Vault
// references (`@Microsoft.KeyVault(SecretUri=…)`) that the Functions platform resolves with the pipeline identity, so no
// secret is ever an app setting value.
param name string
param location string
param tags object
param purgeProtection bool
param hostPrincipalId string
param deployerPrincipalId string
param deployerPrincipalType string
@secure()
param smtpPassword string
@secure()
param alertWebhookUrl string

// Secret names in the vault; the app sees them as Alerts__Smtp__Password and Alerts__Webhook__Url.
var smtpPasswordName = 'alerts-smtp-password'
var webhookUrlName = 'alerts-webhook-url'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: purgeProtection ? 90 : 7
    // Purge protection cannot be switched off again, so it is only set (true) for prod; null leaves it off.
    enablePurgeProtection: purgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

// A secret is written only when a value is passed: an empty parameter leaves what an operator put in the vault.
resource smtp 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smtpPassword)) {
  parent: vault
  name: smtpPasswordName
  properties: { value: smtpPassword, contentType: 'text/plain' }
}

resource webhook 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(alertWebhookUrl)) {
  parent: vault
  name: webhookUrlName
  properties: { value: alertWebhookUrl, contentType: 'text/uri-list' }
}

// Key Vault Secrets User: read secret values, nothing else.
resource hostSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, hostPrincipalId, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: hostPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Key Vault Secrets Officer for whoever deploys, so that they can set and rotate the secrets.
resource deployerSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  scope: vault
  name: guid(vault.id, deployerPrincipalId, 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
// Versionless URIs: a rotated secret is picked up without redeploying.
output smtpSecretUri string = '${vault.properties.vaultUri}secrets/${smtpPasswordName}'
output webhookSecretUri string = '${vault.properties.vaultUri}secrets/${webhookUrlName}'
