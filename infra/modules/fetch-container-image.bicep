// Re-provisioning must not replace the deployed image with the placeholder: once azd has deployed the app
// (SERVICE_PIPELINE_RESOURCE_EXISTS=true), read the image the app runs now.
param exists bool
param name string

// Shown until the first `azd deploy`: a public sample image that just stays up.
var placeholder = 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'

resource existingApp 'Microsoft.App/containerApps@2024-03-01' existing = if (exists) {
  name: name
}

output image string = exists ? existingApp!.properties.template.containers[0].image : placeholder
