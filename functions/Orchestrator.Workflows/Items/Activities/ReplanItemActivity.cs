using Microsoft.DurableTask;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Escalation;

namespace Orchestrator.Workflows.Items.Activities;

/// <param name="RollToWorkingDay">Set for a date computed from an event (dueAfter): a weekend or
/// holiday rolls forward to the next working day, as a date read from the words does. A granted
/// extension's date is taken as granted.</param>
/// <param name="RerollFromWords">Set after a holiday schedule changed, for an item whose due date is still
/// the one its words (or explicit date) gave: it is rolled over again from the words' day with the
/// calendar as it now is. A date set by an extension or an event is kept (the flag is not set).</param>
public sealed record ReplanRequest(string DirectiveId, string Label, DateOnly NewDueDate, EscalationPolicy Policy, TimeScale Time,
    DateTimeOffset NowUtc, bool RollToWorkingDay = false, bool RerollFromWords = false);

public sealed record ItemReplan(DateOnly DueDate, DateTimeOffset DueUtc, IReadOnlyList<PlannedStep> Steps);

/// <summary>Plans the steps that follow a granted extension (or the date an event gave), from the new due date on.</summary>
public sealed class ReplanItemActivity(ItemContext items, ItemPlanning planning) : TaskActivity<ReplanRequest, ItemReplan>
{
    public const string Name = nameof(ReplanItemActivity);

    public override async Task<ItemReplan> RunAsync(TaskActivityContext context, ReplanRequest input)
    {
        var (_, item) = await items.GetAsync(input.DirectiveId, input.Label);
        var due = input.RollToWorkingDay ? planning.OnOrNextWorkingDay(input.NewDueDate) : input.NewDueDate;
        if (input.RerollFromWords && item.Deadline.WordsDate is { } words)
            due = planning.OnOrNextWorkingDay(words);
        var steps = planning.Replan(item, due, input.Policy, input.Time, input.NowUtc);
        return new ItemReplan(due, input.Time.ToReal(VietnamTime.EndOfDay(due)), steps);
    }
}
