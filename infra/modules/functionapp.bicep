// Flex Consumption plan and the isolated .NET 10 Function App, with identity-based storage, Key
// Vault references for secrets and Entra-authenticated Application Insights.
//
// On Flex Consumption the language runtime and version come from functionAppConfig.runtime, so
// FUNCTIONS_WORKER_RUNTIME (and FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE,
// WEBSITE_CONTENT*) must NOT be app settings: the platform rejects them.

@description('Azure region.')
param location string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the Function App (becomes <name>.azurewebsites.net).')
param appName string

@description('Tags applied to the plan and the app.')
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity (for identity-based connections).')
param identityClientId string

@description('Blob endpoint of the app storage account, e.g. https://st.blob.core.windows.net/.')
param blobEndpoint string

@description('Queue endpoint of the app storage account.')
param queueEndpoint string

@description('Table endpoint of the app storage account.')
param tableEndpoint string

@description('URL of the blob container holding the deployment package.')
param deploymentContainerUrl string

@description('Application Insights connection string (not a secret: local auth is disabled).')
param appInsightsConnectionString string

@description('Key Vault URI, e.g. https://kv-name.vault.azure.net/.')
param keyVaultUri string

@description('Maximum number of instances Flex Consumption may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Application settings that are not about infrastructure (see main.bicep).')
param app appConfiguration

@description('Names of the Key Vault secrets the app reads.')
param secretNames secretNameConfiguration

type appConfiguration = {
  taskHubName: string
  durableTaskPartitionCount: int
  durableTaskPollingIntervalSeconds: int
  tablesPrefix: string
  apiMaxBodyBytes: int
  @description('Empty: the app\'s own https://<default host name>.')
  linkBaseUrl: string
  linkValidDays: int
  sendGridBaseUrl: string
  sendGridFromEmail: string
  sendGridFromName: string
  urgentWorkingDays: int
  importImmediateMaxItems: int
  purgeEndedAfterDays: int
  escalation: {
    reminderDaysBefore: int
    reminderWorkingDaysBefore: int
    level2AfterDays: int
    level3AfterDays: int
    repeatEveryDays: int
    maxRepeats: int
    checkInEveryMonths: int
    checkInsBeforeEscalation: int
  }
  digestsEnabled: bool
  digestPerItemReminders: bool
}

type secretNameConfiguration = {
  sendGridApiKey: string
  linkSigningSecret: string
  apiKey: string
  adminKey: string
}

@description('Sign-in with Entra ID (App Service Authentication); an empty clientId leaves it off (keys only).')
param entra entraConfiguration

type entraConfiguration = {
  @description('Application (client) id of the app registration that defines the two app roles.')
  clientId: string
  @description('Directory (tenant) id users sign in with.')
  tenantId: string
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        // No always-ready instances: idle cost stays near zero; the first request after a quiet
        // period pays a cold start. Durable timers still fire (the scale controller watches the
        // task hub's queues).
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
    }
  }
}

// The setting names below are checked against local.settings.sample.json by
// tests/Orchestrator.Infra.Tests (SettingsParityTests): add a setting to both or neither.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Identity-based connection replacing the sample's connection string "AzureWebJobsStorage":
    // used by the host, the Durable Task hub (blobs, queues, tables) and the read-model tables.
    AzureWebJobsStorage__blobServiceUri: blobEndpoint
    AzureWebJobsStorage__queueServiceUri: queueEndpoint
    AzureWebJobsStorage__tableServiceUri: tableEndpoint
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    TaskHubName: app.taskHubName
    DurableTask__PartitionCount: string(app.durableTaskPartitionCount)
    DurableTask__PollingIntervalSeconds: string(app.durableTaskPollingIntervalSeconds)
    Tables__Prefix: app.tablesPrefix
    Api__Key: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.apiKey})'
    Api__AdminKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.adminKey})'
    Api__MaxBodyBytes: string(app.apiMaxBodyBytes)
    Links__BaseUrl: empty(app.linkBaseUrl) ? 'https://${site.properties.defaultHostName}' : app.linkBaseUrl
    Links__SigningSecret: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.linkSigningSecret})'
    Links__ValidDays: string(app.linkValidDays)
    SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.sendGridApiKey})'
    SendGrid__BaseUrl: app.sendGridBaseUrl
    SendGrid__FromEmail: app.sendGridFromEmail
    SendGrid__FromName: app.sendGridFromName
    Deadlines__UrgentWorkingDays: string(app.urgentWorkingDays)
    Import__ImmediateMaxItems: string(app.importImmediateMaxItems)
    Operations__PurgeEndedAfterDays: string(app.purgeEndedAfterDays)
    Escalation__ReminderDaysBefore: string(app.escalation.reminderDaysBefore)
    Escalation__ReminderWorkingDaysBefore: string(app.escalation.reminderWorkingDaysBefore)
    Escalation__Level2AfterDays: string(app.escalation.level2AfterDays)
    Escalation__Level3AfterDays: string(app.escalation.level3AfterDays)
    Escalation__RepeatEveryDays: string(app.escalation.repeatEveryDays)
    Escalation__MaxRepeats: string(app.escalation.maxRepeats)
    Escalation__CheckInEveryMonths: string(app.escalation.checkInEveryMonths)
    Escalation__CheckInsBeforeEscalation: string(app.escalation.checkInsBeforeEscalation)
    Digests__Enabled: string(app.digestsEnabled)
    Digests__PerItemReminders: string(app.digestPerItemReminders)
  }
}

// Sign-in with Entra ID for the dashboard and the API. Unauthenticated requests are let through
// (AllowAnonymous): emailed action links carry their own signed token, /health is public, and keys
// still work; the app itself asks each path for its role (ApiAuthorizationMiddleware), reading the
// signed-in user's app roles (Orchestrator.Officer, Orchestrator.Operator) from the principal the
// platform passes on. The platform drops a caller's own x-ms-client-principal headers.
resource authSettings 'Microsoft.Web/sites/config@2025-03-01' = if (!empty(entra.clientId)) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entra.clientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${entra.tenantId}/v2.0'
        }
        validation: {
          // Tokens for the app itself (the dashboard's session) and for api://<clientId> (the CLI).
          allowedAudiences: [
            entra.clientId
            'api://${entra.clientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: true
      }
    }
  }
}

// Publishing uses Entra ID (One Deploy with `az`/`func`), never basic-auth credentials.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output planName string = plan.name
