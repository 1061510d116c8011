using Orchestrator.Domain.Directives;
using Orchestrator.Workflows.Directives;

namespace Orchestrator.Workflows.Items.Activities;

/// <summary>
/// The domain's view of an item as it stands now: the stored directive's tracked item with the
/// runtime changes of its orchestration applied (an extended due date, a transfer).
/// </summary>
public sealed class ItemContext(DirectiveStore directives)
{
    public async Task<(DirectivePlan Plan, TrackedItem Item)> GetAsync(string directiveId, string label,
        DateOnly? dueDate = null, string? leadCode = null)
    {
        var plan = await directives.GetPlanAsync(directiveId);
        var item = plan.Items.FirstOrDefault(i => i.Label == label)
            ?? throw new InvalidOperationException($"Directive {directiveId} has no tracked item {label}.");
        if (dueDate is not null && dueDate != item.Deadline.DueDate)
            item = item with { Deadline = item.Deadline with { DueDate = dueDate } };
        if (!string.IsNullOrEmpty(leadCode)) item = item with { LeadCode = leadCode };
        return (plan, item);
    }
}
