using Microsoft.DurableTask;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Escalation;

namespace Orchestrator.Workflows.Items.Activities;

public sealed record ReplanRequest(string DirectiveId, string Label, DateOnly NewDueDate, EscalationPolicy Policy, TimeScale Time,
    DateTimeOffset NowUtc);

public sealed record ItemReplan(DateOnly DueDate, DateTimeOffset DueUtc, IReadOnlyList<PlannedStep> Steps);

/// <summary>Plans the steps that follow a granted extension, from the new due date on.</summary>
public sealed class ReplanItemActivity(ItemContext items, ItemPlanning planning) : TaskActivity<ReplanRequest, ItemReplan>
{
    public const string Name = nameof(ReplanItemActivity);

    public override async Task<ItemReplan> RunAsync(TaskActivityContext context, ReplanRequest input)
    {
        var (_, item) = await items.GetAsync(input.DirectiveId, input.Label);
        var steps = planning.Replan(item, input.NewDueDate, input.Policy, input.Time, input.NowUtc);
        return new ItemReplan(input.NewDueDate, input.Time.ToReal(VietnamTime.EndOfDay(input.NewDueDate)), steps);
    }
}
