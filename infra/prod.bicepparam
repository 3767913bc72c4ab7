// prod: zone-redundant lake, 90-day log retention, Key Vault purge protection. Deployed from CI by a service principal:
//   az deployment sub create --location westeurope --parameters infra/prod.bicepparam
// Secrets are never written here: they come from the environment of whoever deploys (empty = leave the vault as is).
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'werkagenda-prod')
param location = readEnvironmentVariable('AZURE_LOCATION', 'westeurope')
param environmentType = 'prod'
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param principalType = 'ServicePrincipal'
param analystsGroupId = readEnvironmentVariable('ANALYSTS_GROUP_ID', '')
param alertEmail = readEnvironmentVariable('ALERT_EMAIL', '')
param smtpPassword = readEnvironmentVariable('ALERTS_SMTP_PASSWORD', '')
param alertWebhookUrl = readEnvironmentVariable('ALERTS_WEBHOOK_URL', '')
