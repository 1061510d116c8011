namespace Orchestrator.Infra.Tests;

/// <summary>The comparison logic on small inputs.</summary>
public sealed class SettingsComparerTests
{
    private static readonly SettingsRules Rules = new(
        LocalOnly: new Dictionary<string, string> { ["Api__Key"] = "function keys" },
        LocalOnlyPrefixes: new Dictionary<string, string> { ["Emu__"] = "emulator" },
        IdentityConnections: new Dictionary<string, string> { ["Store"] = "identity" },
        AzureOnly: new Dictionary<string, string> { ["TELEMETRY"] = "azure only" });

    [Fact]
    public void Identical_lists_agree()
    {
        var diff = SettingsComparer.Compare(["A", "B__C"], ["B__C", "A"], SettingsRules.None);

        Assert.True(diff.Agree, diff.ToString());
    }

    [Fact]
    public void Setting_added_to_the_sample_only_is_missing_in_azure()
    {
        var diff = SettingsComparer.Compare(["A", "New__Setting"], ["A"], SettingsRules.None);

        Assert.False(diff.Agree);
        Assert.Equal(["New__Setting"], diff.MissingInAzure);
        Assert.Empty(diff.MissingInSample);
    }

    [Fact]
    public void Setting_added_to_azure_only_is_missing_in_the_sample()
    {
        var diff = SettingsComparer.Compare(["A"], ["A", "Stray"], SettingsRules.None);

        Assert.False(diff.Agree);
        Assert.Equal(["Stray"], diff.MissingInSample);
    }

    [Fact]
    public void Connection_string_is_satisfied_by_identity_based_settings()
    {
        var diff = SettingsComparer.Compare(["Store"], ["Store__accountName", "Store__credential"], Rules);

        Assert.True(diff.Agree, diff.ToString());
    }

    [Fact]
    public void Connection_string_without_any_identity_setting_is_missing()
    {
        var diff = SettingsComparer.Compare(["Store"], ["Storage__accountName"], Rules);

        Assert.Equal(["Store"], diff.MissingInAzure);
        Assert.Equal(["Storage__accountName"], diff.MissingInSample);
    }

    [Fact]
    public void Identity_settings_need_their_connection_in_the_sample()
    {
        var diff = SettingsComparer.Compare([], ["Store__credential"], Rules);

        Assert.Equal(["Store__credential"], diff.MissingInSample);
    }

    [Fact]
    public void Local_only_settings_are_not_required_in_azure()
    {
        var diff = SettingsComparer.Compare(["Api__Key", "Emu__Location", "A"], ["A"], Rules);

        Assert.True(diff.Agree, diff.ToString());
    }

    [Fact]
    public void Local_only_settings_set_in_azure_are_reported()
    {
        var diff = SettingsComparer.Compare(["Api__Key", "A"], ["A", "api__key", "Emu__AutoStart"], Rules);

        Assert.False(diff.Agree);
        Assert.Equal(["Emu__AutoStart", "api__key"], diff.LocalOnlyButInAzure);
    }

    [Fact]
    public void Azure_only_settings_are_allowed()
    {
        var diff = SettingsComparer.Compare(["A"], ["A", "TELEMETRY"], Rules);

        Assert.True(diff.Agree, diff.ToString());
    }

    [Fact]
    public void Names_compare_case_insensitively_like_dotnet_configuration()
    {
        var diff = SettingsComparer.Compare(["Links__BaseUrl"], ["LINKS__BASEURL"], SettingsRules.None);

        Assert.True(diff.Agree, diff.ToString());
    }
}
