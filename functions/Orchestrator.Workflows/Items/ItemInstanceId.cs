using Orchestrator.Domain.Directives;

namespace Orchestrator.Workflows.Items;

/// <summary>
/// An item's orchestration instance id, derived from its directive id and label so that starting
/// the same item twice finds the first one instead of making a second. Both parts follow
/// <see cref="IdGrammar"/>, which has no ':', so the id splits back at its only colon.
/// </summary>
public static class ItemInstanceId
{
    public static string For(string directiveId, string label) => $"{directiveId}:{label}";

    /// <summary>The directive id and label of an item's instance id, or null for any other instance.</summary>
    public static (string DirectiveId, string Label)? Parse(string instanceId)
    {
        var colon = instanceId.IndexOf(':');
        if (colon <= 0) return null;
        var (directiveId, label) = (instanceId[..colon], instanceId[(colon + 1)..]);
        return IsValidDirectiveId(directiveId) && IsValidLabel(label) ? (directiveId, label) : null;
    }

    /// <summary>Directive ids such as 2023-6411-VPCP-KTTH or 2024-12-NĐ-CP.</summary>
    public static bool IsValidDirectiveId(string? value) => IdGrammar.IsDirectiveId(value);

    /// <summary>Labels such as 2.a.3 or 2.đ (Vietnamese letters number items).</summary>
    public static bool IsValidLabel(string? value) => IdGrammar.IsLabel(value);
}
