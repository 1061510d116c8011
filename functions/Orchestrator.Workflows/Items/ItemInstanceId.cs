using System.Text.RegularExpressions;

namespace Orchestrator.Workflows.Items;

/// <summary>
/// An item's orchestration instance id, derived from its directive id and label so that starting
/// the same item twice finds the first one instead of making a second.
/// </summary>
public static partial class ItemInstanceId
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

    /// <summary>Directive ids such as 2023-6411-VPCP-KTTH.</summary>
    public static bool IsValidDirectiveId(string value) => DirectiveIdPattern().IsMatch(value);

    /// <summary>Labels such as 2.a.3 or 2.đ (Vietnamese letters number items); no characters that Table Storage keys refuse.</summary>
    public static bool IsValidLabel(string value) => LabelPattern().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,79}$")]
    private static partial Regex DirectiveIdPattern();

    [GeneratedRegex(@"^[\p{L}\p{Nd}][\p{L}\p{Nd}._-]{0,63}$")]
    private static partial Regex LabelPattern();
}
