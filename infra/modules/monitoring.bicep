// Log Analytics (container console logs, App Insights data) and a workspace-based Application Insights.
param logAnalyticsName string
param appInsightsName string
param location string
param tags object
param retentionInDays int

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
  }
}

output logAnalyticsId string = workspace.id
output logAnalyticsName string = workspace.name
// Not a secret (it identifies where telemetry goes, it grants no read access), so a plain setting is fine.
output appInsightsConnectionString string = appInsights.properties.ConnectionString
