// Event Grid system topic on the lake account: the source of the blob triggers' events (Flex Consumption runs blob
// triggers only with `Source = BlobTriggerSource.EventGrid`). The two subscriptions (raw/ and landing/) point at the
// blobs extension webhook of the deployed app, whose key exists only once the code runs, so they are created after
// `azd deploy` by infra/hooks/postdeploy.sh, as in Azure-Samples/functions-quickstart-dotnet-azd-eventgrid-blob.
param name string
param location string
param tags object
param lakeAccountId string

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: lakeAccountId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = topic.name
