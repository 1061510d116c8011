using Microsoft.DurableTask;
using Orchestrator.Domain.Escalation;

namespace Orchestrator.Workflows.Items.Activities;

/// <summary>A progress report on an item without a due date: plan its next check-ins from now.</summary>
public sealed record CheckInRequest(string DirectiveId, string Label, EscalationPolicy Policy, int EveryMonths, TimeScale Time,
    DateTimeOffset NowUtc);

/// <summary>Plans the next round of check-ins (in an activity: the dates depend on calendar data, which
/// must not change under a replay).</summary>
public sealed class PlanCheckInsActivity(ItemPlanning planning) : TaskActivity<CheckInRequest, IReadOnlyList<PlannedStep>>
{
    public const string Name = nameof(PlanCheckInsActivity);

    public override Task<IReadOnlyList<PlannedStep>> RunAsync(TaskActivityContext context, CheckInRequest input) =>
        Task.FromResult(planning.CheckIns(input.Policy, input.Time.PlannedDay(input.NowUtc), input.EveryMonths, input.Time));
}
