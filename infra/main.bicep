// Orchestrator on Azure: one resource group holding
//   - a user-assigned managed identity the app runs as,
//   - a storage account (Functions host, Durable Task hub, read-model tables, deployment package)
//     with shared keys disabled,
//   - Log Analytics + Application Insights (Entra-authenticated ingestion),
//   - a Key Vault with the SendGrid API key and the link-signing secret (RBAC, soft delete),
//   - a Flex Consumption plan and the isolated .NET 10 Function App.
// Deploy: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.dev.bicepparam
// Every parameter below is documented in README.md, section "Deploy to Azure" (a test checks it).

targetScope = 'resourceGroup'

@description('Environment name; part of every resource name.')
@allowed(['dev', 'test', 'prod'])
param environmentName string = 'dev'

@description('Azure region for every resource. Flex Consumption must be available there.')
param location string = resourceGroup().location

@description('Short lowercase prefix for resource names (3-9 letters or digits).')
@minLength(3)
@maxLength(9)
param appNamePrefix string = 'orch'

@description('Durable Task hub name (letters and digits, starts with a letter). Tables <hub>Instances and <hub>History and the hub\'s queues and blob containers are named after it.')
@minLength(3)
@maxLength(45)
param taskHubName string = 'OrchestratorHub'

@description('Number of control-queue partitions of the task hub (Azure Storage backend). Fixed once the hub exists.')
@minValue(1)
@maxValue(16)
param durableTaskPartitionCount int = 4

@description('Maximum polling interval of the task hub queues, in seconds.')
@minValue(1)
@maxValue(60)
param durableTaskPollingIntervalSeconds int = 2

@description('Prefix of the read-model table names.')
@minLength(1)
@maxLength(20)
param tablesPrefix string = 'orc'

@description('Largest accepted HTTP request body, in bytes.')
@minValue(1024)
param apiMaxBodyBytes int = 1048576

@description('Base URL put in signed links in emails. Empty: the Function App\'s own https://<default host name>.')
param linkBaseUrl string = ''

@description('How many days a signed link stays valid.')
@minValue(1)
@maxValue(365)
param linkValidDays int = 30

@description('SendGrid API base URL. Empty: the SendGrid default (https://api.sendgrid.com).')
param sendGridBaseUrl string = ''

@description('Sender address of reminder and escalation emails (a verified SendGrid sender).')
param sendGridFromEmail string = 'no-reply@example.org'

@description('Sender display name of reminder and escalation emails.')
param sendGridFromName string = 'Văn phòng Chính phủ - Theo dõi nhiệm vụ'

@description('A directive of at most this many items has every item started before the import answers (201); a larger one answers 202 and starts them in the background.')
@minValue(1)
@maxValue(1000)
param importImmediateMaxItems int = 100

@description('The implied deadline of an urgent task ("khẩn trương", "ngay", "gấp"), in working days from the issue date.')
@minValue(1)
param urgentWorkingDays int = 5

@description('The nightly timer purges the history of items that ended (completed or terminated) more than this many days ago; 0 turns it off.')
@minValue(0)
param purgeEndedAfterDays int = 90

@description('Escalation policy: when reminders go out and when a late task escalates.')
param escalationPolicy escalationPolicyType = {
  reminderDaysBefore: 14
  reminderWorkingDaysBefore: 3
  level2AfterDays: 7
  level3AfterDays: 14
  repeatEveryDays: 14
  maxRepeats: 3
  checkInEveryMonths: 1
  checkInsBeforeEscalation: 3
}

@description('Weekly digests to each agency and the monthly report to the tracking office (Digests__Enabled).')
param digestsEnabled bool = false

@description('With digests on, still send each item\'s own reminders (Digests__PerItemReminders); escalations always go.')
param digestPerItemReminders bool = true

@description('Maximum number of instances the Flex Consumption app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each Flex Consumption instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Turn on Key Vault purge protection. Irreversible; recommended for prod, off for throwaway dev vaults.')
param enableKeyVaultPurgeProtection bool = true

@description('Object id of a user or group to grant Key Vault Secrets Officer on the vault (to set the secret values). Empty: grant nobody.')
param keyVaultOperatorPrincipalId string = ''

@description('Extra tags for every resource (application and environment tags are always added).')
param tags object = {}

@description('Application (client) id of the Entra ID app registration with the app roles Orchestrator.Officer and Orchestrator.Operator; empty: no sign-in, the API takes its keys only.')
param entraClientId string = ''

@description('Directory (tenant) id for sign-in; empty: the tenant of the deployment.')
param entraTenantId string = ''

@description('Escalation policy numbers; each maps to an Escalation__* app setting.')
type escalationPolicyType = {
  @description('Calendar days before the deadline to send the first reminder (Escalation__ReminderDaysBefore).')
  @minValue(0)
  reminderDaysBefore: int
  @description('Working days before the deadline to send the last reminder (Escalation__ReminderWorkingDaysBefore).')
  @minValue(0)
  reminderWorkingDaysBefore: int
  @description('Days after the deadline to escalate to level 2 (Escalation__Level2AfterDays).')
  @minValue(1)
  level2AfterDays: int
  @description('Days after the deadline to escalate to level 3 (Escalation__Level3AfterDays).')
  @minValue(1)
  level3AfterDays: int
  @description('Days between repeated escalation emails (Escalation__RepeatEveryDays).')
  @minValue(1)
  repeatEveryDays: int
  @description('How many times an escalation email repeats (Escalation__MaxRepeats).')
  @minValue(0)
  maxRepeats: int
  @description('Items without a deadline: months between requests for a progress report (Escalation__CheckInEveryMonths).')
  @minValue(1)
  @maxValue(24)
  checkInEveryMonths: int
  @description('Unanswered check-ins before level 1 goes to the focal point (Escalation__CheckInsBeforeEscalation).')
  @minValue(1)
  @maxValue(12)
  checkInsBeforeEscalation: int
}

var suffix = take(uniqueString(subscription().id, resourceGroup().id, appNamePrefix, environmentName), 6)
var baseName = '${appNamePrefix}-${environmentName}-${suffix}'
var allTags = union(tags, {
  application: 'orchestrator'
  environment: environmentName
})
var identityName = 'id-${baseName}'
var deploymentContainerName = 'app-package'
var secretNames = {
  sendGridApiKey: 'SendGrid--ApiKey'
  linkSigningSecret: 'Links--SigningSecret'
  apiKey: 'Api--Key'
  adminKey: 'Api--AdminKey'
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    name: identityName
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: toLower('st${appNamePrefix}${environmentName}${suffix}')
    deploymentContainerName: deploymentContainerName
    identityName: identityName
    tags: allTags
  }
  // Role assignments read the identity by name (a name known before deployment keeps the
  // assignment names deterministic for what-if), so the identity must exist first.
  dependsOn: [
    identity
  ]
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: 'log-${baseName}'
    appInsightsName: 'appi-${baseName}'
    identityName: identityName
    tags: allTags
  }
  // Role assignments read the identity by name (a name known before deployment keeps the
  // assignment names deterministic for what-if), so the identity must exist first.
  dependsOn: [
    identity
  ]
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    name: 'kv-${baseName}'
    enablePurgeProtection: enableKeyVaultPurgeProtection
    identityName: identityName
    operatorPrincipalId: keyVaultOperatorPrincipalId
    tags: allTags
  }
  // Role assignments read the identity by name (a name known before deployment keeps the
  // assignment names deterministic for what-if), so the identity must exist first.
  dependsOn: [
    identity
  ]
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    planName: 'plan-${baseName}'
    appName: 'func-${baseName}'
    tags: allTags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultUri: keyVault.outputs.uri
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    secretNames: secretNames
    entra: {
      clientId: entraClientId
      tenantId: empty(entraTenantId) ? tenant().tenantId : entraTenantId
    }
    app: {
      taskHubName: taskHubName
      durableTaskPartitionCount: durableTaskPartitionCount
      durableTaskPollingIntervalSeconds: durableTaskPollingIntervalSeconds
      tablesPrefix: tablesPrefix
      apiMaxBodyBytes: apiMaxBodyBytes
      linkBaseUrl: linkBaseUrl
      linkValidDays: linkValidDays
      sendGridBaseUrl: sendGridBaseUrl
      sendGridFromEmail: sendGridFromEmail
      sendGridFromName: sendGridFromName
      urgentWorkingDays: urgentWorkingDays
      importImmediateMaxItems: importImmediateMaxItems
      purgeEndedAfterDays: purgeEndedAfterDays
      escalation: escalationPolicy
      digestsEnabled: digestsEnabled
      digestPerItemReminders: digestPerItemReminders
    }
  }
  // No explicit dependsOn: the outputs used above make this module wait for the storage, Key
  // Vault and monitoring modules, role assignments included, so the host's first storage call
  // and Key Vault reference resolution already have their roles.
}

@description('Name of the Function App.')
output functionAppName string = functionApp.outputs.name

@description('Default host name of the Function App.')
output functionAppHostName string = functionApp.outputs.defaultHostName

@description('Base URL of the Function App (the HTTP API is under /api, the admin API under /api/admin).')
output functionAppUrl string = 'https://${functionApp.outputs.defaultHostName}'

@description('Name of the Flex Consumption plan.')
output planName string = functionApp.outputs.planName

@description('Name of the storage account (task hub tables <hub>Instances / <hub>History live here).')
output storageAccountName string = storage.outputs.name

@description('Name of the Key Vault holding the app secrets.')
output keyVaultName string = keyVault.outputs.name

@description('Names of the Key Vault secrets to set after deployment.')
output keyVaultSecretNames object = secretNames

@description('Name of the Application Insights component.')
output appInsightsName string = monitoring.outputs.appInsightsName

@description('Name of the Log Analytics workspace.')
output logAnalyticsWorkspaceName string = monitoring.outputs.workspaceName

@description('Client id of the app\'s user-assigned managed identity.')
output identityClientId string = identity.outputs.clientId

@description('Durable Task hub name.')
output taskHubName string = taskHubName
