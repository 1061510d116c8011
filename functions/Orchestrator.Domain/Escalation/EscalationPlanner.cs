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

    /// <summary>
    /// The check-ins of an item without a due date, counted from <paramref name="from"/> (its
    /// assignment, or its last progress report): a request for a progress report every
    /// <paramref name="everyMonths"/> months, <see cref="EscalationPolicy.CheckInsBeforeEscalation"/>
    /// times, then, a period after the last one still unanswered, level 1 to the lead's focal point.
    /// Each lands on a working day (the next one; past the calendar's last year, weekends only). The period is a parameter, not read from the policy, so a recurring duty's own
    /// period ("định kỳ hằng quý") can be passed instead of the policy's.
    /// </summary>
    public static IReadOnlyList<EscalationStep> PlanCheckIns(EscalationPolicy policy, DateOnly from, int everyMonths, WorkingDayCalendar calendar)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(everyMonths, 1);
        var count = policy.CheckInsBeforeEscalation ?? EscalationPolicy.DefaultCheckInsBeforeEscalation;
        DateOnly Working(DateOnly day)
        {
            if (WorkingDayCalendar.Covers(day.Year) && WorkingDayCalendar.Covers(day.Year + 1)) return calendar.OnOrNextWorkingDay(day);
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
            return day;
        }
        EscalationStep Step(string id, StepKind kind, int level, int periods)
        {
            var date = Working(from.AddMonths(periods * everyMonths));
            return new EscalationStep(id, kind, level, date, VietnamTime.At(date, policy.FireAtLocal));
        }
        var steps = Enumerable.Range(1, count).Select(k => Step($"check-in-{k}", StepKind.CheckIn, 0, k)).ToList();
        steps.Add(Step("escalation-1", StepKind.Escalation, 1, count + 1));
        return steps;
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
