using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Orchestrator.Workflows.Storage;

/// <summary>
/// Builds the Table Storage client from the same setting the Functions host uses for its own
/// storage, <c>AzureWebJobsStorage</c>: a connection string locally, or an identity-based
/// connection in Azure (<c>AzureWebJobsStorage__tableServiceUri</c> or <c>__accountName</c>,
/// with <c>__credential=managedidentity</c> and <c>__clientId</c>).
/// </summary>
public static class StorageConnection
{
    public const string SettingName = "AzureWebJobsStorage";

    public static TableServiceClient CreateTableServiceClient(IConfiguration configuration)
    {
        var connectionString = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(connectionString))
            return new TableServiceClient(connectionString);

        var section = configuration.GetSection(SettingName);
        var tableUri = section["tableServiceUri"]
            ?? (section["accountName"] is { Length: > 0 } account ? $"https://{account}.table.core.windows.net" : null)
            ?? throw new InvalidOperationException(
                $"Setting '{SettingName}' is missing: give a storage connection string, or " +
                $"'{SettingName}__accountName' (or '__tableServiceUri') for an identity-based connection.");
        return new TableServiceClient(new Uri(tableUri), CreateCredential(section));
    }

    private static TokenCredential CreateCredential(IConfigurationSection section) =>
        string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(section["clientId"] is { Length: > 0 } clientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
}
