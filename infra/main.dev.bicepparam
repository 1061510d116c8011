// Parameters for a "dev" environment. Deploy with:
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.dev.bicepparam
// Secret values are not parameters: set them in Key Vault afterwards (README, Deploy to Azure).
using 'main.bicep'

param environmentName = 'dev'
param appNamePrefix = 'orch'
param taskHubName = 'OrchestratorDev'
param durableTaskPartitionCount = 4
param durableTaskPollingIntervalSeconds = 2
param tablesPrefix = 'orc'
param apiMaxBodyBytes = 1048576
// Empty: links point at the Function App's own host name.
param linkBaseUrl = ''
param linkValidDays = 30
param sendGridBaseUrl = ''
param sendGridFromEmail = 'no-reply@example.org'
param sendGridFromName = 'Văn phòng Chính phủ - Theo dõi nhiệm vụ (dev)'
param urgentWorkingDays = 5
param purgeEndedAfterDays = 90
param escalationPolicy = {
  reminderDaysBefore: 14
  reminderWorkingDaysBefore: 3
  level2AfterDays: 7
  level3AfterDays: 14
  repeatEveryDays: 14
  maxRepeats: 3
  checkInEveryMonths: 1
  checkInsBeforeEscalation: 3
}
param digestsEnabled = false
param digestPerItemReminders = true
param maximumInstanceCount = 40
param instanceMemoryMB = 2048
// A dev vault is thrown away with its resource group; purge protection would keep the name
// reserved for the whole soft-delete period.
param enableKeyVaultPurgeProtection = false
// Set to your object id (az ad signed-in-user show --query id -o tsv) to be able to set secrets.
param keyVaultOperatorPrincipalId = ''
param tags = {
  costCenter: 'dev'
}
