using System.Globalization;
using System.Text.Json;
using Orchestrator.Domain.Escalation;
using static Orchestrator.Domain.Tests.TestData;

namespace Orchestrator.Domain.Tests;

public class EscalationPlannerTests
{
    [Fact]
    public void Default_plan_for_a_due_date_of_2_October_2023()
    {
        var steps = EscalationPlanner.Plan(EscalationPolicy.Default, D("2023-10-02"), Days);
        Assert.Equal(
        [
            ("reminder-14d", StepKind.Reminder, 0, "2023-09-18"),
            ("reminder-3wd", StepKind.Reminder, 0, "2023-09-27"),
            ("escalation-1", StepKind.Escalation, 1, "2023-10-03"),
            ("escalation-2", StepKind.Escalation, 2, "2023-10-10"),
            ("escalation-3", StepKind.Escalation, 3, "2023-10-24"),
            ("escalation-3-repeat-1", StepKind.Escalation, 3, "2023-11-07"),
            ("escalation-3-repeat-2", StepKind.Escalation, 3, "2023-11-21"),
            ("escalation-3-repeat-3", StepKind.Escalation, 3, "2023-12-05"),
        ], steps.Select(s => (s.StepId, s.Kind, s.Level, s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Steps_fire_at_8_in_Hanoi_which_is_1_UTC()
    {
        var step = EscalationPlanner.Plan(EscalationPolicy.Default, D("2023-10-02"), Days).Single(s => s.StepId == "escalation-1");
        Assert.Equal(new DateTimeOffset(2023, 10, 3, 8, 0, 0, TimeSpan.FromHours(7)), step.FiresAt);
        Assert.Equal(new DateTime(2023, 10, 3, 1, 0, 0, DateTimeKind.Utc), step.FiresAtUtc);
    }

    [Fact]
    public void Escalations_avoid_Tết_and_reminders_move_earlier()
    {
        // Due Fri 24/1/2025: Tết is 27–31/1, so level 1 is Mon 3/2; level 2 = 10/2; level 3 = 24/2.
        var steps = EscalationPlanner.Plan(EscalationPolicy.Default, D("2025-01-24"), Days).ToDictionary(s => s.StepId, s => s.Date);
        Assert.Equal(D("2025-02-03"), steps["escalation-1"]);
        Assert.Equal(D("2025-02-10"), steps["escalation-2"]);
        Assert.Equal(D("2025-02-24"), steps["escalation-3"]);
        Assert.Equal(D("2025-01-21"), steps["reminder-3wd"]);
        Assert.Equal(D("2025-01-10"), steps["reminder-14d"]);

        // Due Thu 10/4/2025: 14 days before is Thu 27/3; level 2 would be Fri 2/5 (swapped day off) → Mon 5/5? No:
        // level 1 = Fri 11/4, level 2 = 18/4, level 3 = 2/5 (day off) → Sun 4/5 → Mon 5/5.
        var april = EscalationPlanner.Plan(EscalationPolicy.Default, D("2025-04-10"), Days).ToDictionary(s => s.StepId, s => s.Date);
        Assert.Equal(D("2025-05-05"), april["escalation-3"]);
        Assert.All(april.Values, d => Assert.True(Days.IsWorkingDay(d)));
    }

    [Fact]
    public void Milestones_and_cut_off_before_the_issue_date()
    {
        var steps = EscalationPlanner.Plan(EscalationPolicy.Default, D("2023-08-25"), Days,
            milestones: [("meeting", D("2023-08-25"))], notBefore: Issued);
        Assert.DoesNotContain(steps, s => s.StepId == "reminder-14d"); // 11/8 is before the directive
        Assert.Equal(["reminder-3wd", "milestone-meeting", "escalation-1"], steps.Take(3).Select(s => s.StepId));
        Assert.Equal(StepKind.Milestone, steps[1].Kind);
    }

    [Fact]
    public void The_policy_is_configurable_and_round_trips_through_System_Text_Json()
    {
        var policy = EscalationPolicy.Default with { ReminderDaysBefore = 7, Level3MaxRepeats = 1, FireAtLocal = new TimeOnly(9, 30) };
        var json = JsonSerializer.Serialize(policy, JsonSerializerOptions.Web);
        Assert.Contains("\"reminderDaysBefore\":7", json);
        var back = JsonSerializer.Deserialize<EscalationPolicy>(json, JsonSerializerOptions.Web);
        Assert.Equal(policy, back);

        var steps = EscalationPlanner.Plan(back!, D("2023-10-02"), Days);
        Assert.Equal(["reminder-7d", "reminder-3wd", "escalation-1", "escalation-2", "escalation-3", "escalation-3-repeat-1"], steps.Select(s => s.StepId));
        Assert.Equal(new TimeOnly(9, 30), TimeOnly.FromTimeSpan(steps[0].FiresAt.TimeOfDay));
        Assert.Equal(D("2023-09-25"), steps[0].Date);
    }

    [Fact]
    public void Defaults_match_the_team_policy()
    {
        var p = EscalationPolicy.Default;
        Assert.Equal((14, 3, 1, 7, 14, 14, 3), (p.ReminderDaysBefore, p.ReminderWorkingDaysBefore, p.Level1WorkingDaysAfterDue,
            p.Level2DaysAfterLevel1, p.Level3DaysAfterLevel2, p.Level3RepeatEveryDays, p.Level3MaxRepeats));
        Assert.Equal(new TimeOnly(8, 0), p.FireAtLocal);
    }
}
