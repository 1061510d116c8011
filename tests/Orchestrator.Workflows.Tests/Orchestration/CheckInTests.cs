using Orchestrator.Domain.Common;
using Orchestrator.Domain.Escalation;
using ItemState = Orchestrator.Workflows.Items.ItemState;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Items.Activities;

namespace Orchestrator.Workflows.Tests.Orchestration;

/// <summary>
/// Items without a due date get check-ins: a request for a progress report every period, and level
/// 1 to the focal point after the policy's number of them go unanswered. A progress report starts
/// the next round from its day. Inputs stored before check-ins existed keep having no steps.
/// </summary>
public sealed class CheckInTests
{
    private static readonly DateOnly Issued = new(2026, 3, 2); // a Monday
    private static readonly DateTimeOffset Start = VietnamTime.At(Issued, new TimeOnly(9, 0));
    private static readonly EscalationPolicy TwoCheckIns = EscalationPolicy.Default with { CheckInsBeforeEscalation = 2 };

    private static List<string> Sent(ItemRun run) => run.Sent.Select(s => ItemRun.OutboxKey(s.Notice)).ToList();

    [Fact]
    public void Unanswered_check_ins_come_monthly_then_level_1_goes_to_the_focal_point()
    {
        var run = ItemRun.Start(ItemInputs.WithoutDeadline(Issued, everyMonths: 1, TwoCheckIns), Start);

        run.AdvanceTo(Start.AddMonths(6));

        Assert.Equal(["check-in-1", "check-in-2", "escalation-1"], Sent(run));
        var days = run.Sent.Select(s => VietnamTime.Today(s.AtUtc)).ToList();
        // 2 April, 4 May (2 May 2026 is a Saturday; 30/4 and 1/5 are holidays before it), 2 June.
        Assert.Equal([new DateOnly(2026, 4, 2), new DateOnly(2026, 5, 4), new DateOnly(2026, 6, 2)], days);
        Assert.Equal(StepKind.CheckIn, run.Sent[0].Notice.Step.Kind);
        Assert.Equal(1, run.Sent[2].Notice.Step.Level);
        Assert.Equal(1, run.Status!.Level);
        Assert.Equal(ItemState.Open, run.Status.State); // no deadline: never overdue
    }

    [Fact]
    public void The_check_in_period_is_frozen_in_the_input()
    {
        var run = ItemRun.Start(ItemInputs.WithoutDeadline(Issued, everyMonths: 3, TwoCheckIns), Start);

        run.AdvanceTo(Start.AddMonths(2));
        Assert.Empty(run.Sent);
        run.AdvanceTo(Start.AddMonths(4));
        Assert.Equal(["check-in-1"], Sent(run));
        Assert.Equal(new DateOnly(2026, 6, 2), VietnamTime.Today(run.Sent[0].AtUtc));
    }

    [Fact]
    public void A_progress_report_starts_the_next_round_from_its_day()
    {
        var run = ItemRun.Start(ItemInputs.WithoutDeadline(Issued, everyMonths: 1, TwoCheckIns), Start);
        run.AdvanceTo(Start.AddMonths(1).AddDays(10)); // check-in-1 sent on 2 April
        Assert.Equal(["check-in-1"], Sent(run));

        var reportedAt = run.Time.GetUtcNow(); // 12 April
        run.Raise(new ItemEvent
        {
            EventId = "progress-1", Kind = ItemEventKind.ProgressReported, Actor = "focal@btc.example.org", AtUtc = reportedAt,
        });
        var replan = (CheckInRequest)run.Calls.Single(c => c.Name == PlanCheckInsActivity.Name).Input!;
        Assert.Equal(1, replan.EveryMonths);

        run.AdvanceTo(Start.AddMonths(6));

        // The first round's check-in-2 (4 May) and level 1 never go; the new round counts from 12 April.
        Assert.Equal(["check-in-1", "plan2-check-in-1", "plan2-check-in-2", "plan2-escalation-1"], Sent(run));
        Assert.Equal(new DateOnly(2026, 5, 12), VietnamTime.Today(run.Sent[1].AtUtc));
        Assert.Equal(2, run.Input.Plan);
        Assert.Equal(1, run.Input.CheckInEveryMonths);
    }

    [Fact]
    public void An_input_stored_before_check_ins_existed_still_has_no_steps_and_a_report_plans_none()
    {
        var run = ItemRun.Start(ItemInputs.WithoutDeadline(Issued, everyMonths: null), Start);
        run.AdvanceTo(Start.AddMonths(2));
        run.Raise(new ItemEvent { EventId = "p", Kind = ItemEventKind.ProgressReported, Actor = "a", AtUtc = run.Time.GetUtcNow() });
        run.AdvanceTo(Start.AddMonths(12));

        Assert.Empty(run.Sent);
        Assert.DoesNotContain(run.Calls, c => c.Name == PlanCheckInsActivity.Name);
        Assert.Single(run.RecordedEvents);
    }

    [Fact]
    public void An_extension_granted_gives_the_dated_ladder_and_ends_the_check_ins()
    {
        var run = ItemRun.Start(ItemInputs.WithoutDeadline(Issued, everyMonths: 1, TwoCheckIns), Start);
        run.Raise(new ItemEvent
        {
            EventId = "x", Kind = ItemEventKind.ExtensionGranted, Actor = "a", AtUtc = run.Time.GetUtcNow(), NewDueDate = new DateOnly(2026, 9, 30),
        });
        run.AdvanceTo(Start.AddMonths(8));

        Assert.Null(run.Input.CheckInEveryMonths);
        Assert.DoesNotContain(run.Sent, s => s.Notice.Step.Kind == StepKind.CheckIn);
        Assert.Contains("plan2-escalation-1", Sent(run));
    }
}
