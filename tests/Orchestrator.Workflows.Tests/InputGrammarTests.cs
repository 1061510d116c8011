using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Items;

namespace Orchestrator.Workflows.Tests;

/// <summary>Instance ids follow the one id grammar, and the configured policy its ranges.</summary>
public class InputGrammarTests
{
    [Theory]
    [InlineData("2023-6411-VPCP-KTTH", "2.a.3")]
    [InlineData("2024-12-NĐ-CP", "2.đ")]
    public void An_item_instance_id_parses_back_to_its_directive_and_label(string directiveId, string label) =>
        Assert.Equal((directiveId, label), ItemInstanceId.Parse(ItemInstanceId.For(directiveId, label)));

    [Theory]
    [InlineData("2023-6411-VPCP-KTTH:2.a.3\n")]
    [InlineData("2023-6411-VPCP-KTTH\n:1")]
    [InlineData("2023-6411-VPCP-KTTH:1:2")]
    [InlineData("2023-6411-VPCP/KTTH:1")]
    [InlineData("2023-6411-VPCP-KTTH:1/2")]
    public void An_instance_id_outside_the_grammar_is_not_an_item(string instanceId) => Assert.Null(ItemInstanceId.Parse(instanceId));

    [Fact]
    public void A_configured_policy_out_of_range_fails_validation_naming_the_setting()
    {
        var validator = new EscalationPolicySettingsValidator();

        var result = validator.Validate(null, new EscalationPolicySettings { MaxRepeats = 1000000, RepeatEveryDays = 0 });

        Assert.Contains(result.Failures!, f => f.StartsWith("Escalation__MaxRepeats: ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Escalation__RepeatEveryDays: ", StringComparison.Ordinal));
        Assert.True(validator.Validate(null, new EscalationPolicySettings()).Succeeded);
        Assert.Equal(EscalationPolicy.Default, new EscalationPolicySettings().ToPolicy());
    }
}
