using System.Globalization;
using System.Text.Json;
using Orchestrator.Domain.Escalation;
using static Orchestrator.Domain.Tests.TestData;

namespace Orchestrator.Domain.Tests;

/// <summary>Check-ins of items without a due date, and their policy numbers.</summary>
public class CheckInPlannerTests
{
    [Fact]
    public void Quarterly_check_ins_land_on_working_days_then_level_1()
    {
        var steps = EscalationPlanner.PlanCheckIns(EscalationPolicy.Default with { CheckInsBeforeEscalation = 2 }, D("2025-10-01"), 3, Days);

        Assert.Equal(
        [
            ("check-in-1", StepKind.CheckIn, 0, "2026-01-02"), // 1 January is a holiday
            ("check-in-2", StepKind.CheckIn, 0, "2026-04-01"),
            ("escalation-1", StepKind.Escalation, 1, "2026-07-01"),
        ], steps.Select(s => (s.StepId, s.Kind, s.Level, s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Beyond_the_calendar_s_years_check_ins_skip_weekends_only()
    {
        var steps = EscalationPlanner.PlanCheckIns(EscalationPolicy.Default, D("2031-01-04"), 1, Days); // a Saturday + 1 month
        Assert.Equal(D("2031-02-04"), steps[0].Date);
        Assert.Equal(D("2031-03-04"), steps[1].Date);
    }

    [Fact]
    public void Check_in_numbers_are_validated_and_left_out_of_the_json_when_unset()
    {
        var problems = (EscalationPolicy.Default with { CheckInEveryMonths = 0, CheckInsBeforeEscalation = 13 }).Validate();
        Assert.Equal(["checkInEveryMonths", "checkInsBeforeEscalation"], problems.Select(p => p.Path));

        // A policy posted before check-ins existed keeps its JSON text (and so its directive's content hash).
        var json = JsonSerializer.Serialize(new EscalationPolicy(), JsonSerializerOptions.Web);
        Assert.DoesNotContain("checkIn", json);
    }
}
