using System.Text.Json;
using Orchestrator.Domain.Common;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Items.Activities;

namespace Orchestrator.Workflows.Tests.Orchestration;

/// <summary>
/// The real <see cref="ItemOrchestrator"/> under <see cref="ItemRun"/>: fake time, in-memory
/// activities, the SDK's event and ContinueAsNew semantics. Each test runs in milliseconds; the
/// end-to-end tests keep what needs the real backend (durability, timers, storage, SendGrid).
/// </summary>
public sealed class ItemOrchestratorTests
{
    private static readonly DateOnly Issued = new(2026, 1, 5); // a Monday
    private static readonly DateOnly Due = new(2026, 1, 30);   // a Friday
    private static readonly DateOnly NewDue = new(2026, 3, 31);
    private static readonly DateTimeOffset Start = VietnamTime.At(Issued, new TimeOnly(9, 0));

    private static ItemRun StartItem(Action<ItemRun>? configure = null) => ItemRun.Start(ItemInputs.For(Issued, Due), Start, configure);

    private static ItemEvent Event(ItemEventKind kind, DateTimeOffset at, DateOnly? newDue = null, string? toAgency = null) => new()
    {
        EventId = $"{kind}-{at.UtcTicks}",
        Kind = kind,
        Actor = "officer@vpcp.example.org",
        AtUtc = at,
        NewDueDate = newDue,
        ToAgency = toAgency,
    };

    private static void RaiseNow(ItemRun run, ItemEventKind kind, DateOnly? newDue = null, string? toAgency = null) =>
        run.Raise(Event(kind, run.Time.GetUtcNow(), newDue, toAgency));

    private static List<string> SentKeys(ItemRun run) => run.Sent.Select(s => ItemRun.OutboxKey(s.Notice)).ToList();

    [Fact]
    public void Every_step_is_sent_once_in_order_at_its_own_instant()
    {
        var run = StartItem();
        var plan = run.Input.Steps;

        run.AdvanceTo(plan[^1].FireAtUtc.AddDays(30));

        Assert.Equal(plan.Select(s => s.StepId), SentKeys(run));
        Assert.All(run.Sent.Zip(plan), x => Assert.Equal(x.Second.FireAtUtc, x.First.AtUtc));
        Assert.False(run.Ended);
        Assert.Equal(3, run.Status!.Level);
        Assert.Equal(ItemState.Overdue, run.Status.State);
    }

    [Fact]
    public void Catch_up_sends_only_the_last_step_already_due_then_the_ladder_goes_on()
    {
        var plan = ItemInputs.For(Issued, Due).Steps;
        var escalation1 = plan.Single(s => s.StepId == "escalation-1");
        var run = ItemRun.Start(ItemInputs.For(Issued, Due), escalation1.FireAtUtc.AddHours(5));

        var caughtUp = Assert.Single(run.Sent);
        Assert.Equal("escalation-1", caughtUp.Notice.Step.StepId);
        Assert.Equal(2, caughtUp.Notice.SkippedEarlierSteps);

        run.AdvanceTo(run.FireAt("escalation-2"));
        Assert.Equal(["escalation-1", "escalation-2"], SentKeys(run));
        Assert.Equal(0, run.Sent[1].Notice.SkippedEarlierSteps);
    }

    [Fact]
    public void A_timer_that_fires_early_is_re_armed_and_the_notice_goes_out_at_its_instant()
    {
        var run = StartItem(r => r.TimerEarliness = TimeSpan.FromSeconds(1));
        var first = run.Input.Steps[0];

        run.AdvanceTo(first.FireAtUtc.AddSeconds(-0.5));
        Assert.Empty(run.Sent);

        run.AdvanceTo(first.FireAtUtc);
        var sent = Assert.Single(run.Sent);
        Assert.Equal(first.StepId, sent.Notice.Step.StepId);
        Assert.True(sent.AtUtc >= first.FireAtUtc, $"sent at {sent.AtUtc:O}, before its instant {first.FireAtUtc:O}");
    }

    [Fact]
    public void An_extension_before_escalation_replans_and_the_new_plan_sends_each_of_its_notices_once_after_the_new_date()
    {
        var run = StartItem();
        var oldPlan = run.Input.Steps;
        run.AdvanceTo(run.FireAt("reminder-14d"));
        Assert.Equal(["reminder-14d"], SentKeys(run));

        RaiseNow(run, ItemEventKind.ExtensionGranted, NewDue);
        var newPlan = run.Input.Steps;
        Assert.Equal(NewDue, run.Input.DueDate);

        // The old dates pass in silence.
        run.AdvanceTo(oldPlan.Single(s => s.StepId == "escalation-2").FireAtUtc);
        Assert.Single(run.Sent);

        run.AdvanceTo(newPlan[^1].FireAtUtc.AddDays(1));
        var afterExtension = run.Sent.Skip(1).ToList();
        Assert.Equal(newPlan.Select(s => s.StepId), afterExtension.Select(s => s.Notice.Step.StepId));
        Assert.Equal(afterExtension.Count, afterExtension.Select(s => ItemRun.OutboxKey(s.Notice)).Distinct().Count());
        Assert.DoesNotContain("reminder-14d", afterExtension.Select(s => ItemRun.OutboxKey(s.Notice)));
        Assert.All(afterExtension.Zip(newPlan), x => Assert.Equal(x.Second.FireAtUtc, x.First.AtUtc));
        var escalation = afterExtension.First(s => s.Notice.Step.StepId == "escalation-1");
        Assert.True(escalation.AtUtc >= VietnamTime.EndOfDay(NewDue));
        Assert.Equal(NewDue, escalation.Notice.DueDate);
    }

    [Fact]
    public void An_extension_after_escalation_sends_the_new_plans_reminders_and_escalation_1_once_each()
    {
        var run = StartItem();
        run.AdvanceTo(run.FireAt("escalation-1"));
        Assert.Equal(["reminder-14d", "reminder-3wd", "escalation-1"], SentKeys(run));
        Assert.Equal(1, run.Status!.Level);

        RaiseNow(run, ItemEventKind.ExtensionGranted, NewDue);
        Assert.Equal(0, run.Status!.Level);
        var newPlan = run.Input.Steps;
        run.AdvanceTo(run.FireAt("escalation-1").AddHours(1));

        var afterExtension = run.Sent.Skip(3).ToList();
        Assert.Equal(["reminder-14d", "reminder-3wd", "escalation-1"], afterExtension.Select(s => s.Notice.Step.StepId));
        Assert.All(afterExtension, s => Assert.True(s.AtUtc > run.Sent[2].AtUtc));
        Assert.All(afterExtension.Zip(newPlan), x => Assert.Equal(x.Second.FireAtUtc, x.First.AtUtc));
        // Both plans' notices keep their own outbox (and timeline) rows.
        Assert.Equal(6, run.Outbox.Count);
        Assert.Equal(6, SentKeys(run).Distinct().Count());
    }

    [Fact]
    public void A_changed_calendar_re_plans_with_new_keys_keeps_the_level_and_sends_nothing_twice()
    {
        var run = StartItem();
        run.AdvanceTo(run.FireAt("escalation-1"));
        Assert.Equal(["reminder-14d", "reminder-3wd", "escalation-1"], SentKeys(run));
        Assert.Equal(1, run.Status!.Level);

        run.Raise(new ItemEvent
        {
            EventId = "calendar-2024-abc", Kind = ItemEventKind.CalendarChanged, Actor = "ops", AtUtc = run.Time.GetUtcNow(),
            EventDate = new DateOnly(2024, 1, 1),
        });
        var replan = (ReplanRequest)run.Calls.Last(c => c.Name == ReplanItemActivity.Name).Input!;
        Assert.True(replan.RerollFromWords); // the due date is still the one its words gave
        Assert.Equal(Due, replan.NewDueDate);
        Assert.Equal(2, run.Input.Plan);
        Assert.Equal(1, run.Status!.Level); // a calendar change is not an extension: the level reached stays
        Assert.Contains(run.RecordedEvents, e => e.Event.Kind == ItemEventKind.CalendarChanged);

        run.AdvanceTo(run.Input.Steps[^1].FireAtUtc.AddDays(1));
        // Only the steps still ahead, under new keys: nothing sent before is sent again.
        Assert.Equal(SentKeys(run).Count, SentKeys(run).Distinct().Count());
        Assert.DoesNotContain(run.Sent.Skip(3), s => s.Notice.Step.StepId is "reminder-14d" or "reminder-3wd" or "escalation-1");

        // After an extension, a calendar change keeps the granted date as granted.
        var extended = StartItem();
        RaiseNow(extended, ItemEventKind.ExtensionGranted, NewDue);
        extended.Raise(new ItemEvent
        {
            EventId = "calendar-2024-def", Kind = ItemEventKind.CalendarChanged, Actor = "ops", AtUtc = extended.Time.GetUtcNow(),
        });
        Assert.False(((ReplanRequest)extended.Calls.Last(c => c.Name == ReplanItemActivity.Name).Input!).RerollFromWords);
    }

    [Fact]
    public void A_second_extension_gets_a_third_set_of_keys()
    {
        var run = StartItem();
        run.AdvanceTo(run.FireAt("reminder-14d"));
        RaiseNow(run, ItemEventKind.ExtensionGranted, NewDue);
        run.AdvanceTo(run.FireAt("reminder-14d"));
        RaiseNow(run, ItemEventKind.ExtensionGranted, NewDue.AddMonths(1));
        run.AdvanceTo(run.FireAt("reminder-14d"));

        Assert.Equal(3, run.Sent.Count);
        Assert.All(run.Sent, s => Assert.Equal("reminder-14d", s.Notice.Step.StepId));
        Assert.Equal(3, SentKeys(run).Distinct().Count());
    }

    [Fact]
    public void An_input_stored_before_plans_were_numbered_keeps_its_keys_and_its_next_extension_gets_new_ones()
    {
        var json = JsonSerializer.SerializeToNode(ItemInputs.For(Issued, Due), WorkflowJson.Options)!.AsObject();
        Assert.True(json.Remove("plan"));
        var stored = json.Deserialize<ItemWorkflowInput>(WorkflowJson.Options)!;

        var run = ItemRun.Start(stored, Start);
        run.AdvanceTo(run.FireAt("reminder-14d"));
        RaiseNow(run, ItemEventKind.ExtensionGranted, NewDue);
        run.AdvanceTo(run.FireAt("reminder-14d"));

        Assert.Equal(["reminder-14d", "plan2-reminder-14d"], SentKeys(run));
        Assert.Equal("plan2-reminder-14d", run.Status!.LastStep);
        Assert.Equal("plan2-reminder-3wd", run.Status.NextStep);
    }

    [Fact]
    public void A_transfer_routes_the_next_notice_to_the_new_agency()
    {
        var run = StartItem();
        RaiseNow(run, ItemEventKind.Transferred, toAgency: "BXD");
        Assert.Equal("BXD", Assert.Single(run.RecordedEvents).LeadCode);

        run.AdvanceTo(run.FireAt("reminder-14d"));
        var sent = Assert.Single(run.Sent);
        Assert.Equal("BXD", sent.Notice.LeadCode);
        Assert.Equal(ItemState.Open, run.Status!.State);
    }

    [Fact]
    public void An_event_from_a_link_issued_before_a_transfer_the_item_applied_is_refused_and_recorded()
    {
        var run = StartItem();
        // The transfer is applied first; the old agency's completion link (epoch 0) was used in the
        // moment before the transfer advanced the link epoch, so its event arrives after it.
        RaiseNow(run, ItemEventKind.Transferred, toAgency: "BXD");
        run.Raise(Event(ItemEventKind.Completed, run.Time.GetUtcNow()) with { EventId = "old-link", LinkEpoch = 0, ReportNumber = "7/BC-BTC" });

        Assert.False(run.Ended, "a link of the agency the item was transferred from completed it");
        Assert.Equal(ItemState.Open, run.Status!.State);
        var refused = Assert.Single(run.RecordedEvents, r => r.Event.EventId == "old-link");
        Assert.Equal("BXD", refused.RefusedAfterTransferTo);
        Assert.Equal(ItemState.Open, refused.NewState);

        // The plan goes on, to the new agency.
        run.AdvanceTo(run.FireAt("reminder-14d"));
        Assert.Equal("BXD", Assert.Single(run.Sent).Notice.LeadCode);
    }

    [Fact]
    public void After_a_transfer_a_link_of_the_new_epoch_and_an_api_event_are_applied()
    {
        var run = StartItem();
        RaiseNow(run, ItemEventKind.Transferred, toAgency: "BXD");
        run.Raise(Event(ItemEventKind.ProgressReported, run.Time.GetUtcNow()) with { EventId = "api-progress" });
        run.Raise(Event(ItemEventKind.Completed, run.Time.GetUtcNow()) with { EventId = "new-link", LinkEpoch = 1, ReportNumber = "8/BC-BXD" });

        Assert.All(run.RecordedEvents, r => Assert.Null(r.RefusedAfterTransferTo));
        Assert.True(run.Ended);
        Assert.Equal(ItemState.CompletedOnTime, run.Outcome!.State);
    }

    [Fact]
    public void A_transfer_without_an_agency_does_not_count_and_an_input_stored_before_transfers_were_counted_reads_none()
    {
        var json = JsonSerializer.SerializeToNode(ItemInputs.For(Issued, Due) with { Progress = new ItemProgress { Recorded = true } },
            WorkflowJson.Options)!.AsObject();
        Assert.True(json["progress"]!.AsObject().Remove("transfers"));
        var run = ItemRun.Start(json.Deserialize<ItemWorkflowInput>(WorkflowJson.Options)!, Start);
        Assert.Equal(0, run.Input.Progress.Transfers);

        RaiseNow(run, ItemEventKind.Transferred);
        run.Raise(Event(ItemEventKind.Completed, run.Time.GetUtcNow()) with { EventId = "link", LinkEpoch = 0, ReportNumber = "9/BC" });

        Assert.True(run.Ended);
        Assert.Equal(ItemState.CompletedOnTime, run.Outcome!.State);
    }

    [Fact]
    public void The_same_event_delivered_twice_is_taken_once_so_a_repeated_transfer_counts_once()
    {
        var run = StartItem();
        var transfer = Event(ItemEventKind.Transferred, run.Time.GetUtcNow(), toAgency: "BXD");
        run.Raise(transfer);
        run.Raise(transfer); // an operator raising the same event again
        Assert.Equal(1, run.Input.Progress.Transfers);
        Assert.Single(run.RecordedEvents);

        // The new agency's links carry epoch 1, the store's epoch after one transfer: they act.
        run.Raise(Event(ItemEventKind.Completed, run.Time.GetUtcNow()) with { EventId = "link", LinkEpoch = 1, ReportNumber = "9/BC" });
        Assert.True(run.Ended);
        Assert.Equal(ItemState.CompletedOnTime, run.Outcome!.State);
    }

    [Fact]
    public void A_withdrawal_ends_the_item_and_nothing_is_sent_afterwards()
    {
        var run = StartItem();
        run.AdvanceTo(run.FireAt("reminder-14d"));
        RaiseNow(run, ItemEventKind.Withdrawn);

        Assert.True(run.Ended);
        Assert.Equal(ItemState.Withdrawn, run.Outcome!.State);
        Assert.Equal(ItemState.Withdrawn, run.RecordedEvents.Last().NewState);
        Assert.Equal(ItemState.Withdrawn, run.Status!.State);

        run.AdvanceTo(Start.AddDays(200));
        Assert.Single(run.Sent);
    }

    [Fact]
    public void An_event_that_arrives_while_a_notice_is_being_sent_is_applied_after_it()
    {
        TaskCompletionSource<object?>? held = null;
        var run = StartItem(r => r.Intercept = call =>
        {
            if (call.Name != SendNoticeActivity.Name || held is not null) return null;
            held = new TaskCompletionSource<object?>();
            return held.Task;
        });

        run.AdvanceTo(run.FireAt("reminder-14d"));
        Assert.NotNull(held);
        RaiseNow(run, ItemEventKind.Completed);
        Assert.False(run.Ended);

        run.Do(() => held!.SetResult(new NoticeOutcome("Sent", "msg-1")));

        Assert.True(run.Ended, "the completion that arrived during the send was lost");
        Assert.Equal(ItemState.CompletedOnTime, run.Outcome!.State);
        Assert.Equal("reminder-14d", run.Status!.LastStep);
    }

    [Fact]
    public void Events_pending_at_ContinueAsNew_are_applied_by_the_next_generation_in_order()
    {
        TaskCompletionSource<object?>? held = null;
        var run = StartItem(r => r.Intercept = call =>
        {
            if (call.Name != RecordEventActivity.Name || held is not null) return null;
            held = new TaskCompletionSource<object?>();
            return held.Task;
        });

        RaiseNow(run, ItemEventKind.ProgressReported);
        Assert.NotNull(held);
        var generation = run.Generation;
        RaiseNow(run, ItemEventKind.Transferred, toAgency: "BXD");
        RaiseNow(run, ItemEventKind.Completed);

        run.Do(() => held!.SetResult(true));

        Assert.Equal([ItemEventKind.ProgressReported, ItemEventKind.Transferred, ItemEventKind.Completed],
            run.RecordedEvents.Select(e => e.Event.Kind));
        Assert.True(run.Generation >= generation + 2);
        Assert.True(run.Ended);
        Assert.Equal(ItemState.CompletedOnTime, run.Outcome!.State);
        Assert.Equal("BXD", run.RecordedEvents.Last().LeadCode);
    }

    [Fact]
    public void Completion_exactly_at_the_end_instant_is_late_a_moment_before_is_on_time()
    {
        var dueEnd = VietnamTime.EndOfDay(Due);

        var late = StartItem();
        late.Raise(Event(ItemEventKind.Completed, dueEnd));
        Assert.Equal(ItemState.CompletedLate, late.Outcome!.State);

        var onTime = StartItem();
        onTime.Raise(Event(ItemEventKind.Completed, dueEnd.AddTicks(-1)));
        Assert.Equal(ItemState.CompletedOnTime, onTime.Outcome!.State);
    }

    [Fact]
    public void The_item_is_overdue_from_the_end_instant_on()
    {
        var run = StartItem();
        var dueEnd = VietnamTime.EndOfDay(Due);
        run.AdvanceTo(dueEnd.AddTicks(-1));
        RaiseNow(run, ItemEventKind.ProgressReported);
        Assert.Equal(ItemState.Open, run.RecordedEvents.Last().NewState);

        run.AdvanceTo(dueEnd);
        RaiseNow(run, ItemEventKind.ProgressReported);
        Assert.Equal(ItemState.Overdue, run.RecordedEvents.Last().NewState);
    }
}
