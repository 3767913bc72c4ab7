// Log Analytics and a workspace-based Application Insights: the function app's telemetry lands in the workspace's
// App* tables (AppTraces, AppRequests, AppExceptions), where the nightly-run alert rules read it.
param logAnalyticsName string
param appInsightsName string
param location string
param tags object
param retentionInDays int
@description('Principal id of the pipeline identity: publishes telemetry with Entra ID (local auth is off).')
param hostPrincipalId string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'other'
  properties: {
    Application_Type: 'other'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    // Telemetry only with an Entra ID token (APPLICATIONINSIGHTS_AUTHENTICATION_STRING on the app).
    DisableLocalAuth: true
  }
}

// Monitoring Metrics Publisher: the role Application Insights requires for Entra ID-authenticated ingestion.
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: appInsights
  name: guid(appInsights.id, hostPrincipalId, '3913510d-42f4-4e42-8a64-420c390055eb')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '3913510d-42f4-4e42-8a64-420c390055eb')
    principalId: hostPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output logAnalyticsId string = workspace.id
output logAnalyticsName string = workspace.name
output appInsightsName string = appInsights.name
// Not a secret (it identifies where telemetry goes, it grants no read access), so a plain setting is fine.
output appInsightsConnectionString string = appInsights.properties.ConnectionString
