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
/// <param name="clock">Now, for the check-ins of an item without a due date: they count from the day
/// it is imported (or its issue date, if later), not from an issue date long past.</param>
public sealed class ItemPlanning(WorkingDayCalendar calendar, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <param name="start">The directive's issue date as the plan sees it (moved by a rebase): no step comes before it.</param>
    /// <param name="checkInEveryMonths">For an item without a due date: months between its check-ins;
    /// null for a recurring duty's own period, else the policy's.</param>
    public ItemWorkflowInput InputFor(DirectivePlan plan, TrackedItem item, EscalationPolicy policy, TimeScale time, DateOnly start,
        int? checkInEveryMonths = null)
    {
        var due = item.Deadline.DueDate;
        // An item whose date waits for an event gets its plan when the event comes, not check-ins.
        if (due is null && item.DueAfter is null)
        {
            // A recurring duty checks in on its own period ("định kỳ hằng quý": every 3 months).
            var every = checkInEveryMonths ?? item.Deadline.RecurrenceMonths ?? policy.CheckInEveryMonths ?? EscalationPolicy.DefaultCheckInEveryMonths;
            var today = time.PlannedDay(_clock.GetUtcNow());
            return BaseInput(plan, item, policy, time) with
            {
                CheckInEveryMonths = every,
                Steps = CheckIns(policy, today > start ? today : start, every, time),
            };
        }
        return BaseInput(plan, item, policy, time) with
        {
            Steps = ToPlanned(EscalationPlanner.PlanFor(item, policy, calendar, notBefore: start), time),
        };
    }

    /// <summary>The check-ins (then level 1) of an item without a due date, counted from <paramref name="from"/>.</summary>
    public IReadOnlyList<PlannedStep> CheckIns(EscalationPolicy policy, DateOnly from, int everyMonths, TimeScale time) =>
        ToPlanned(EscalationPlanner.PlanCheckIns(policy, from, everyMonths, calendar), time);

    private static ItemWorkflowInput BaseInput(DirectivePlan plan, TrackedItem item, EscalationPolicy policy, TimeScale time)
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
            Steps = [],
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
