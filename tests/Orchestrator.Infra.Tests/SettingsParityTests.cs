namespace Orchestrator.Infra.Tests;

/// <summary>local.settings.sample.json and the app settings main.bicep gives the Function App agree.</summary>
public sealed class SettingsParityTests
{
    [Fact]
    public void Sample_settings_and_bicep_app_settings_agree()
    {
        var diff = SettingsComparer.Compare(OrchestratorSettings.SampleKeys(), OrchestratorSettings.AzureKeys(), OrchestratorSettings.Rules);

        Assert.True(diff.Agree, diff.ToString());
    }

    [Fact]
    public void A_new_sample_setting_without_bicep_fails_the_check()
    {
        var sample = OrchestratorSettings.SampleKeys().Append("Reports__Enabled");

        var diff = SettingsComparer.Compare(sample, OrchestratorSettings.AzureKeys(), OrchestratorSettings.Rules);

        Assert.Equal(["Reports__Enabled"], diff.MissingInAzure);
    }

    [Fact]
    public void Every_exception_names_a_setting_that_exists()
    {
        // A stale exception (setting renamed or removed) would silently widen the check.
        var sample = OrchestratorSettings.SampleKeys();
        var azure = OrchestratorSettings.AzureKeys();
        var rules = OrchestratorSettings.Rules;

        Assert.All(rules.LocalOnly.Keys, k => Assert.Contains(k, sample));
        Assert.All(rules.LocalOnlyPrefixes.Keys, p => Assert.Contains(sample, k => k.StartsWith(p, StringComparison.Ordinal)));
        Assert.All(rules.IdentityConnections.Keys, k => Assert.Contains(k, sample));
        Assert.All(rules.AzureOnly.Keys, k => Assert.Contains(k, azure));
        Assert.All(rules.LocalOnly.Values.Concat(rules.LocalOnlyPrefixes.Values).Concat(rules.IdentityConnections.Values).Concat(rules.AzureOnly.Values),
            reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
    }

    [Fact]
    public void Azure_sets_no_setting_that_flex_consumption_rejects_or_that_needs_an_account_key()
    {
        var azure = OrchestratorSettings.AzureKeys();

        Assert.All(OrchestratorSettings.ForbiddenInAzure, forbidden =>
            Assert.DoesNotContain(azure, k => string.Equals(k, forbidden, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Storage_connection_is_identity_based_with_the_user_assigned_identity()
    {
        var settings = CompiledTemplate.AppSettings(CompiledTemplate.Main);

        Assert.Equal("managedidentity", CompiledTemplate.Text(settings["AzureWebJobsStorage__credential"]));
        Assert.Contains("clientId", CompiledTemplate.Text(settings["AzureWebJobsStorage__clientId"]), StringComparison.OrdinalIgnoreCase);
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.NotNull(settings[$"AzureWebJobsStorage__{service}ServiceUri"]);
        }

        Assert.All(settings, s => Assert.DoesNotContain("AccountKey", CompiledTemplate.Text(s.Value) ?? string.Empty, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("SendGrid__ApiKey")]
    [InlineData("Links__SigningSecret")]
    [InlineData("Api__Key")]
    [InlineData("Api__AdminKey")]
    public void Secrets_are_key_vault_references(string setting)
    {
        var value = CompiledTemplate.Text(CompiledTemplate.AppSettings(CompiledTemplate.Main)[setting]);

        Assert.NotNull(value);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", value, StringComparison.Ordinal);
    }

    [Fact]
    public void Escalation_policy_parameter_has_one_field_per_escalation_setting_with_the_sample_defaults()
    {
        var sample = OrchestratorSettings.SampleValues();
        var escalationSettings = sample.Where(p => p.Key.StartsWith("Escalation__", StringComparison.Ordinal)).ToList();
        var definition = CompiledTemplate.Main["definitions"]?["escalationPolicyType"]?["properties"]?.AsObject();
        var defaults = CompiledTemplate.Main["parameters"]?["escalationPolicy"]?["defaultValue"]?.AsObject();
        Assert.NotNull(definition);
        Assert.NotNull(defaults);
        Assert.NotEmpty(escalationSettings);

        // Escalation__ReminderDaysBefore <-> escalationPolicy.reminderDaysBefore
        var expected = escalationSettings.Select(p => CamelCase(p.Key["Escalation__".Length..])).Order(StringComparer.Ordinal);
        Assert.Equal(expected, definition.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var (key, value) in escalationSettings)
        {
            Assert.Equal(CompiledTemplate.Text(value), defaults[CamelCase(key["Escalation__".Length..])]?.ToJsonString());
        }
    }

    [Fact]
    public void Task_hub_name_is_a_parameter_whose_default_matches_the_sample()
    {
        var parameter = CompiledTemplate.Main["parameters"]?["taskHubName"];

        Assert.NotNull(parameter);
        Assert.Equal(CompiledTemplate.Text(OrchestratorSettings.SampleValues()["TaskHubName"]), CompiledTemplate.Text(parameter["defaultValue"]));
    }

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
