// User-assigned managed identity that the Function App runs as. A user-assigned identity (rather
// than the site's system identity) exists before the site does, so its role assignments are in
// place when the Functions host first starts, and the same identity is used for storage, Key Vault
// references, the Flex deployment container and Application Insights.

@description('Azure region.')
param location string

@description('Name of the user-assigned managed identity.')
param name string

@description('Tags applied to the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
