using System.Text.RegularExpressions;

namespace Orchestrator.Infra.Tests;

/// <summary>What the compiled main.bicep deploys: plan, app, storage, vault, monitoring, roles, outputs.</summary>
public sealed partial class TemplateTests
{
    // Built-in role definition ids.
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();

    private static readonly Lazy<string> TemplateText = new(() => CompiledTemplate.Main.ToJsonString());

    [Fact]
    public void Plan_is_flex_consumption()
    {
        var plan = CompiledTemplate.SingleResource(CompiledTemplate.Main, "Microsoft.Web/serverfarms");

        Assert.Equal("FC1", CompiledTemplate.Text(plan["sku"]?["name"]));
        Assert.Equal("FlexConsumption", CompiledTemplate.Text(plan["sku"]?["tier"]));
        Assert.Equal("true", plan["properties"]?["reserved"]?.ToJsonString());
    }

    [Fact]
    public void Site_runs_dotnet_isolated_10_on_linux_as_the_user_assigned_identity()
    {
        var site = CompiledTemplate.SingleResource(CompiledTemplate.Main, "Microsoft.Web/sites");
        var properties = site["properties"]!;
        var config = properties["functionAppConfig"]!;

        Assert.Equal("functionapp,linux", CompiledTemplate.Text(site["kind"]));
        Assert.Equal("UserAssigned", CompiledTemplate.Text(site["identity"]?["type"]));
        Assert.Equal("true", properties["httpsOnly"]?.ToJsonString());
        Assert.NotNull(properties["keyVaultReferenceIdentity"]);
        Assert.Equal("dotnet-isolated", CompiledTemplate.Text(config["runtime"]?["name"]));
        Assert.Equal("10.0", CompiledTemplate.Text(config["runtime"]?["version"]));
        Assert.Equal("blobContainer", CompiledTemplate.Text(config["deployment"]?["storage"]?["type"]));
        Assert.Equal("UserAssignedIdentity", CompiledTemplate.Text(config["deployment"]?["storage"]?["authentication"]?["type"]));
        Assert.NotNull(config["scaleAndConcurrency"]?["maximumInstanceCount"]);
        Assert.NotNull(config["scaleAndConcurrency"]?["instanceMemoryMB"]);
        Assert.Null(properties["siteConfig"]?["appSettings"]);
    }

    [Fact]
    public void Storage_account_allows_no_shared_keys_no_public_blobs_and_only_tls_1_2_https()
    {
        var properties = CompiledTemplate.SingleResource(CompiledTemplate.Main, "Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.Equal("false", properties["allowSharedKeyAccess"]?.ToJsonString());
        Assert.Equal("false", properties["allowBlobPublicAccess"]?.ToJsonString());
        Assert.Equal("true", properties["supportsHttpsTrafficOnly"]?.ToJsonString());
        Assert.Equal("TLS1_2", CompiledTemplate.Text(properties["minimumTlsVersion"]));
    }

    [Fact]
    public void Template_never_reads_keys()
    {
        Assert.DoesNotContain("listKeys(", TemplateText.Value, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", TemplateText.Value, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("InstrumentationKey=", TemplateText.Value, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Key_vault_uses_rbac_soft_delete_and_configurable_purge_protection()
    {
        var properties = CompiledTemplate.SingleResource(CompiledTemplate.Main, "Microsoft.KeyVault/vaults")["properties"]!;

        Assert.Equal("true", properties["enableRbacAuthorization"]?.ToJsonString());
        Assert.Equal("true", properties["enableSoftDelete"]?.ToJsonString());
        Assert.Contains("enablePurgeProtection", CompiledTemplate.Text(properties["enablePurgeProtection"]), StringComparison.Ordinal);
        Assert.Empty(CompiledTemplate.Resources(CompiledTemplate.Main, "Microsoft.KeyVault/vaults/accessPolicies"));
        // Secret values are set by the operator after deployment, never by the template.
        Assert.Empty(CompiledTemplate.Resources(CompiledTemplate.Main, "Microsoft.KeyVault/vaults/secrets"));
    }

    [Fact]
    public void Entra_sign_in_is_on_only_with_a_client_id_and_lets_links_and_keys_through()
    {
        var auth = CompiledTemplate.Resources(CompiledTemplate.Main, "Microsoft.Web/sites/config")
            .Single(r => r["name"]?.GetValue<string>().Contains("authsettingsV2", StringComparison.Ordinal) == true);

        // Off unless the deployment names an app registration (the module's entra.clientId).
        Assert.Contains("clientId", CompiledTemplate.Text(auth["condition"]), StringComparison.Ordinal);
        var properties = auth["properties"]!;
        // Emailed links (/act) and keys must still work, so the platform never turns a caller away;
        // the app asks each path for its role.
        Assert.Equal("AllowAnonymous", CompiledTemplate.Text(properties["globalValidation"]!["unauthenticatedClientAction"]));
        Assert.Equal("false", properties["globalValidation"]!["requireAuthentication"]!.ToJsonString());
        Assert.Equal("true", properties["identityProviders"]!["azureActiveDirectory"]!["enabled"]!.ToJsonString());
        Assert.Contains("tenantId", CompiledTemplate.Text(properties["identityProviders"]!["azureActiveDirectory"]!["registration"]!["openIdIssuer"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Application_insights_is_workspace_based_with_local_auth_disabled()
    {
        var properties = CompiledTemplate.SingleResource(CompiledTemplate.Main, "Microsoft.Insights/components")["properties"]!;

        Assert.NotNull(properties["WorkspaceResourceId"]);
        Assert.Equal("true", properties["DisableLocalAuth"]?.ToJsonString());
        Assert.Single(CompiledTemplate.Resources(CompiledTemplate.Main, "Microsoft.OperationalInsights/workspaces"));
    }

    [Fact]
    public void Role_assignments_use_only_the_least_data_plane_roles()
    {
        var roles = Guid().Matches(TemplateText.Value).Select(m => m.Value).ToHashSet();

        Assert.Equal(
            new[]
            {
                StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor,
                KeyVaultSecretsUser, KeyVaultSecretsOfficer, MonitoringMetricsPublisher,
            }.Order(),
            roles.Order());
        // The 3 storage roles (one resource with a copy loop), Secrets User, the optional Secrets
        // Officer for the operator, Metrics Publisher.
        var assignments = CompiledTemplate.Resources(CompiledTemplate.Main, "Microsoft.Authorization/roleAssignments");
        Assert.Equal(4, assignments.Count);
        Assert.Single(assignments, a => a["copy"] is not null);
        Assert.Single(assignments, a => a["condition"] is not null);
    }

    [Fact]
    public void Publishing_with_basic_auth_is_disabled()
    {
        var policies = CompiledTemplate.Resources(CompiledTemplate.Main, "Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.Equal("false", p["properties"]?["allow"]?.ToJsonString()));
    }

    [Theory]
    [InlineData("functionAppName")]
    [InlineData("functionAppUrl")]
    [InlineData("functionAppHostName")]
    [InlineData("storageAccountName")]
    [InlineData("keyVaultName")]
    [InlineData("appInsightsName")]
    [InlineData("identityClientId")]
    [InlineData("taskHubName")]
    public void Main_template_has_output(string output)
    {
        Assert.NotNull(CompiledTemplate.Main["outputs"]?[output]);
    }
}
