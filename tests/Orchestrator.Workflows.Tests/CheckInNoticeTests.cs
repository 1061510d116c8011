using Orchestrator.Domain.Common;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Notices;

namespace Orchestrator.Workflows.Tests;

/// <summary>Items of the sample without a deadline (2.a.4): planned with check-ins from the import day,
/// and their notices ask for progress instead of counting days.</summary>
public sealed class CheckInNoticeTests
{
    private static readonly DateTimeOffset ImportedAt = VietnamTime.At(new DateOnly(2026, 11, 27), new TimeOnly(10, 0));

    [Fact]
    public void An_item_without_a_deadline_imported_late_gets_check_ins_from_the_import_day_not_the_issue_date()
    {
        var item = Sample.Item("2.a.4");
        Assert.Null(item.Deadline.DueDate);

        var input = new ItemPlanning(Sample.Calendar, new ManualClock(ImportedAt))
            .InputFor(Sample.Plan, item, EscalationPolicy.Default, TimeScale.RealTime, start: new DateOnly(2023, 8, 19));

        Assert.Equal(EscalationPolicy.DefaultCheckInEveryMonths, input.CheckInEveryMonths);
        Assert.Equal(["check-in-1", "check-in-2", "check-in-3", "escalation-1"], input.Steps.Select(s => s.StepId));
        Assert.Equal(new DateOnly(2026, 12, 28), input.Steps[0].Date); // 27/12/2026 is a Sunday
        Assert.All(input.Steps, s => Assert.True(s.FireAtUtc > ImportedAt)); // nothing to catch up at import

        var quarterly = new ItemPlanning(Sample.Calendar, new ManualClock(ImportedAt))
            .InputFor(Sample.Plan, item, EscalationPolicy.Default, TimeScale.RealTime, new DateOnly(2023, 8, 19), checkInEveryMonths: 3);
        Assert.Equal(new DateOnly(2027, 3, 1), quarterly.Steps[0].Date); // 27/2/2027 is a Saturday
    }

    [Fact]
    public void A_check_in_asks_the_focal_point_for_progress_and_level_1_says_no_report_came()
    {
        var item = Sample.Item("2.a.4");
        var today = new DateOnly(2026, 12, 28);
        var composer = Sample.Composer();

        var checkIn = composer.Compose(Sample.Plan, item, new EscalationStep("check-in-1", StepKind.CheckIn, 0, today, VietnamTime.At(today, new TimeOnly(8, 0))), today);
        Assert.Equal(NoticeKind.CheckIn, checkIn.Kind);
        Assert.StartsWith("V/v đề nghị báo cáo tình hình thực hiện nhiệm vụ tại mục 2.a.4", checkIn.Content.Subject);
        Assert.Contains("Thời hạn hoàn thành: không quy định", checkIn.Content.Text);
        Assert.DoesNotContain("quá hạn", checkIn.Content.Text);
        Assert.Contains("/act/", checkIn.Content.Text);

        var level1 = composer.Compose(Sample.Plan, item, new EscalationStep("escalation-1", StepKind.Escalation, 1, today, VietnamTime.At(today, new TimeOnly(8, 0))), today);
        Assert.Contains("chưa nhận được báo cáo", level1.Content.Text);
        Assert.DoesNotContain("quá hạn", level1.Content.Text);
        Assert.Throws<InvalidOperationException>(() =>
            composer.Compose(Sample.Plan, item, new EscalationStep("escalation-2", StepKind.Escalation, 2, today, VietnamTime.At(today, new TimeOnly(8, 0))), today));
    }
}
