using System.Text.RegularExpressions;

namespace Orchestrator.Infra.Tests;

/// <summary>docs/deployment.md ("Deploy to Azure") documents what main.bicep declares.</summary>
public sealed partial class DeploymentDocTests
{
    private const string Marker = "<!-- section: deploy -->";

    [GeneratedRegex(@"^param\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\s", RegexOptions.Multiline)]
    private static partial Regex ParamDeclaration();

    private static string DeploySection()
    {
        var readme = File.ReadAllText(RepoPaths.DeploymentDoc);
        var start = readme.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/deployment.md has no '{Marker}' marker");
        var next = readme.IndexOf("<!-- section:", start + Marker.Length, StringComparison.Ordinal);
        return next < 0 ? readme[start..] : readme[start..next];
    }

    internal static IReadOnlyList<string> MainParameters() =>
        ParamDeclaration().Matches(File.ReadAllText(RepoPaths.MainBicep)).Select(m => m.Groups["name"].Value).ToList();

    [Fact]
    public void Main_bicep_parameters_are_found()
    {
        // Guards the regex: if it matched nothing, the next test would pass vacuously.
        var parameters = MainParameters();

        Assert.Contains("taskHubName", parameters);
        Assert.Contains("escalationPolicy", parameters);
        Assert.Equal(CompiledTemplate.Main["parameters"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal), parameters.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Deploy_section_names_every_main_bicep_parameter()
    {
        var section = DeploySection();

        var undocumented = MainParameters().Where(p => !section.Contains($"`{p}`", StringComparison.Ordinal)).ToList();

        Assert.True(undocumented.Count == 0, $"docs/deployment.md does not name: {string.Join(", ", undocumented)}");
    }

    [Fact]
    public void Deploy_section_names_every_escalation_policy_field()
    {
        var section = DeploySection();
        var fields = CompiledTemplate.Main["definitions"]!["escalationPolicyType"]!["properties"]!.AsObject().Select(p => p.Key);

        Assert.All(fields, f => Assert.Contains($"`{f}`", section, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("az deployment group create")]
    [InlineData("infra/main.dev.bicepparam")]
    [InlineData("az keyvault secret set")]
    [InlineData("Key Vault Secrets Officer")]
    [InlineData("dotnet publish")]
    [InlineData("Orchestrator.Officer")]
    [InlineData("Orchestrator.Operator")]
    [InlineData("orchestrator failed")]
    [InlineData("RuntimeStatus eq 'Failed'")]
    public void Deploy_section_covers(string text)
    {
        Assert.Contains(text, DeploySection(), StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_section_uses_the_key_vault_secret_names_the_template_references()
    {
        var section = DeploySection();
        var names = CompiledTemplate.Main["variables"]!["secretNames"]!.AsObject();

        Assert.All(names, n => Assert.Contains(CompiledTemplate.Text(n.Value)!, section, StringComparison.Ordinal));
    }
}
