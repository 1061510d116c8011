using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Directives;

namespace Orchestrator.Domain.Escalation;

/// <summary>Computes the ordered steps of an item's plan from a policy, its due date and the calendar.
/// Pure: the workflow layer turns each step into a durable timer.</summary>
public static class EscalationPlanner
{
    /// <summary>The steps of a tracked item: its milestones (a meeting is a milestone on its own date),
    /// reminders and escalations. Items without a due date (no deadline, standing) have no steps:
    /// their periodic check-ins are the workflow's business.</summary>
    public static IReadOnlyList<EscalationStep> PlanFor(TrackedItem item, EscalationPolicy policy, WorkingDayCalendar calendar, DateOnly? notBefore = null)
    {
        if (item.Deadline.DueDate is not { } due) return [];
        var milestones = item.Milestones
            .Where(m => m.Id is not null && m.Date is not null)
            .Select(m => (m.Id!, m.Date!.Value))
            .ToList();
        if (item.Kind == ItemKind.Meeting) milestones.Add(("meeting", due));
        return Plan(policy, due, calendar, milestones, notBefore);
    }

    /// <param name="milestones">Intermediate dates (id, date); for a meeting pass ("meeting", due date).</param>
    /// <param name="notBefore">Steps dated before this day are left out (e.g. reminders before the issue date).</param>
    public static IReadOnlyList<EscalationStep> Plan(
        EscalationPolicy policy,
        DateOnly dueDate,
        WorkingDayCalendar calendar,
        IEnumerable<(string Id, DateOnly Date)>? milestones = null,
        DateOnly? notBefore = null)
    {
        var steps = new List<EscalationStep>();
        void Add(string id, StepKind kind, int level, DateOnly date) =>
            steps.Add(new EscalationStep(id, kind, level, date, VietnamTime.At(date, policy.FireAtLocal)));
        DateOnly Escalation(DateOnly d) => policy.EscalateOnWorkingDaysOnly ? calendar.OnOrNextWorkingDay(d) : d;

        foreach (var (id, date) in milestones ?? [])
            Add($"milestone-{id}", StepKind.Milestone, 0, date);

        if (policy.ReminderDaysBefore > 0)
            Add($"reminder-{policy.ReminderDaysBefore}d", StepKind.Reminder, 0, calendar.OnOrPreviousWorkingDay(dueDate.AddDays(-policy.ReminderDaysBefore)));
        if (policy.ReminderWorkingDaysBefore > 0)
            Add($"reminder-{policy.ReminderWorkingDaysBefore}wd", StepKind.Reminder, 0, calendar.AddWorkingDays(dueDate, -policy.ReminderWorkingDaysBefore));

        var level1 = calendar.AddWorkingDays(dueDate, Math.Max(1, policy.Level1WorkingDaysAfterDue));
        Add("escalation-1", StepKind.Escalation, 1, level1);
        var level2 = Escalation(level1.AddDays(policy.Level2DaysAfterLevel1));
        Add("escalation-2", StepKind.Escalation, 2, level2);
        var level3 = Escalation(level2.AddDays(policy.Level3DaysAfterLevel2));
        Add("escalation-3", StepKind.Escalation, 3, level3);
        for (var r = 1; r <= policy.Level3MaxRepeats; r++)
        {
            level3 = Escalation(level3.AddDays(policy.Level3RepeatEveryDays));
            Add($"escalation-3-repeat-{r}", StepKind.Escalation, 3, level3);
        }

        // Stable order: by instant, then reminders/milestones before escalations on the same day.
        return steps
            .Where(s => notBefore is null || s.Date >= notBefore)
            .Select((s, i) => (s, i))
            .OrderBy(x => x.s.FiresAt).ThenBy(x => x.s.Kind == StepKind.Escalation).ThenBy(x => x.i)
            .Select(x => x.s).ToList();
    }
}
