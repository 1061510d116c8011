using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Deadlines;
using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Escalation;

namespace Orchestrator.Workflows.Items;

/// <summary>
/// Turns a tracked item of the domain into the frozen input of its orchestration: the policy's
/// steps, each with the real instant it fires under the item's time scale.
/// </summary>
public sealed class ItemPlanning(WorkingDayCalendar calendar)
{
    /// <param name="start">The directive's issue date as the plan sees it (moved by a rebase): no step comes before it.</param>
    public ItemWorkflowInput InputFor(DirectivePlan plan, TrackedItem item, EscalationPolicy policy, TimeScale time, DateOnly start)
    {
        var due = item.Deadline.DueDate;
        return new ItemWorkflowInput
        {
            DirectiveId = plan.DirectiveId,
            Label = item.Label,
            Task = item.Text,
            Kind = item.Deadline.Kind.ToString(),
            Urgent = item.Deadline.IsUrgent,
            DueDate = due,
            DueUtc = due is { } d ? time.ToReal(VietnamTime.EndOfDay(d)) : null,
            Policy = policy,
            Time = time,
            Steps = ToPlanned(EscalationPlanner.PlanFor(item, policy, calendar, notBefore: start), time),
            DueAfter = item.DueAfter,
            Parent = item.Parent,
            Parts = item.Parts,
            Dependents = item.Dependents,
        };
    }

    /// <summary>The steps for a new due date (an extension), leaving out those already past.</summary>
    public IReadOnlyList<PlannedStep> Replan(TrackedItem item, DateOnly newDue, EscalationPolicy policy, TimeScale time,
        DateTimeOffset now)
    {
        // An item that had no date (it waited for an event) is dated from now on.
        var kind = item.Deadline.Kind is DeadlineKind.None ? DeadlineKind.Date : item.Deadline.Kind;
        var extended = item with { Deadline = item.Deadline with { DueDate = newDue, Kind = kind } };
        return ToPlanned(EscalationPlanner.PlanFor(extended, policy, calendar), time)
            .Where(s => s.FireAtUtc > now).ToList();
    }

    /// <summary>The last day on or after <paramref name="day"/> that is a working day (Civil Code Art. 148).</summary>
    public DateOnly OnOrNextWorkingDay(DateOnly day) => calendar.OnOrNextWorkingDay(day);

    private static List<PlannedStep> ToPlanned(IEnumerable<EscalationStep> steps, TimeScale time) =>
        steps.Select(s => new PlannedStep(s.StepId, s.Kind, s.Level, s.Date, time.ToReal(s.FiresAt))).ToList();
}
