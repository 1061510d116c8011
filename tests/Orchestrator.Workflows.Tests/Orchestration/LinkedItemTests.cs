using Orchestrator.Domain.Common;
using Orchestrator.Domain.Directives;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Items.Activities;

namespace Orchestrator.Workflows.Tests.Orchestration;

/// <summary>
/// Items linked to others (issue 10, §2): a date that waits for an event or for another item, and a
/// deliverable whose parts complete it. The orchestrator decides from its input and the events
/// only; what it tells other items it sends as events, checked here as sent.
/// </summary>
public sealed class LinkedItemTests
{
    private static readonly DateOnly Issued = new(2026, 1, 5); // a Monday
    private static readonly DateOnly Due = new(2026, 1, 30);   // a Friday
    private static readonly DateTimeOffset Start = VietnamTime.At(Issued, new TimeOnly(9, 0));

    private static ItemWorkflowInput Waiting(DueAfter after) => ItemInputs.For(Issued, Due) with
    {
        DueDate = null, DueUtc = null, Steps = [], Kind = "None", DueAfter = after,
    };

    private static ItemEvent Event(ItemEventKind kind, DateTimeOffset at, string id = "e1") => new()
    {
        EventId = id, Kind = kind, Actor = "officer@vpcp.example.org", AtUtc = at,
    };

    [Fact]
    public void A_waiting_item_has_no_date_and_no_steps_until_its_event_is_recorded()
    {
        var run = ItemRun.Start(Waiting(new DueAfter { Event = "trình Thủ tướng Chính phủ", OffsetDays = 10 }), Start);
        Assert.Null(run.Status!.DueDate);
        Assert.Equal("event \"trình Thủ tướng Chính phủ\"", run.Status.WaitingFor);
        run.AdvanceTo(Start.AddDays(60));
        Assert.Empty(run.Sent);
        Assert.Equal(ItemState.Open, run.Status.State);

        // Recorded for Wed 4/3/2026: + 10 days = Sat 14/3, rolled to Mon 16/3.
        run.Raise(Event(ItemEventKind.DateRecorded, run.Time.GetUtcNow()) with { EventName = "trình Thủ tướng Chính phủ", EventDate = new DateOnly(2026, 3, 4) });

        Assert.Equal(new DateOnly(2026, 3, 16), run.Input.DueDate);
        Assert.Equal(VietnamTime.EndOfDay(new DateOnly(2026, 3, 16)), run.Input.DueUtc);
        Assert.Equal("Date", run.Input.Kind);
        Assert.Equal(2, run.Input.Plan);
        Assert.NotEmpty(run.Input.Steps);
        Assert.Null(run.Status.WaitingFor);
        Assert.Equal(new DateOnly(2026, 3, 16), run.RecordedEvents.Last().DueDate);
        var replan = (ReplanRequest)run.Calls.Single(c => c.Name == ReplanItemActivity.Name).Input!;
        Assert.True(replan.RollToWorkingDay);

        // The new plan runs: its first reminder goes out at its own instant, with the plan's keys.
        var first = run.Input.Steps[0];
        run.AdvanceTo(first.FireAtUtc);
        Assert.Equal(StepKeys.For(2, first.StepId), ItemRun.OutboxKey(Assert.Single(run.Sent).Notice));
    }

    [Fact]
    public void Without_a_day_the_event_counts_from_the_day_it_is_recorded()
    {
        var run = ItemRun.Start(Waiting(new DueAfter { Event = "x" }), Start);
        run.AdvanceTo(VietnamTime.At(new DateOnly(2026, 2, 10), new TimeOnly(20, 0)));
        run.Raise(Event(ItemEventKind.DateRecorded, run.Time.GetUtcNow()));
        Assert.Equal(new DateOnly(2026, 2, 10), run.Input.DueDate);
    }

    [Fact]
    public void A_dated_item_takes_a_recorded_event_without_changing_its_plan()
    {
        var run = ItemRun.Start(ItemInputs.For(Issued, Due), Start);
        var steps = run.Input.Steps;
        run.Raise(Event(ItemEventKind.DateRecorded, Start.AddDays(1)) with { EventDate = new DateOnly(2026, 6, 1) });
        Assert.Equal(Due, run.Input.DueDate);
        Assert.Equal(steps, run.Input.Steps);
        Assert.DoesNotContain(run.Calls, c => c.Name == ReplanItemActivity.Name);
    }

    [Fact]
    public void Completing_an_item_dates_the_items_that_wait_for_it_and_tells_its_parent()
    {
        var input = ItemInputs.For(Issued, Due) with { Dependents = ["3", "4.BCT"], Parent = "9" };
        var run = ItemRun.Start(input, Start);
        var at = VietnamTime.At(new DateOnly(2026, 1, 20), new TimeOnly(10, 0));
        run.Raise(Event(ItemEventKind.Completed, at, "done-1"));

        Assert.Equal(ItemState.CompletedOnTime, run.Outcome!.State);
        var sent = run.SentEvents.Select(s => (s.InstanceId, (ItemEvent)s.Payload)).ToList();
        Assert.Equal([ItemInstanceId.For("d-test", "3"), ItemInstanceId.For("d-test", "4.BCT"), ItemInstanceId.For("d-test", "9")],
            sent.Select(s => s.InstanceId));
        Assert.All(sent.Take(2), s =>
        {
            Assert.Equal(ItemEventKind.DateRecorded, s.Item2.Kind);
            Assert.Equal(new DateOnly(2026, 1, 20), s.Item2.EventDate);
            Assert.Equal("after-1-done-1", s.Item2.EventId);
        });
        Assert.Equal((ItemEventKind.PartEnded, "1", ItemState.CompletedOnTime), (sent[2].Item2.Kind, sent[2].Item2.Part, sent[2].Item2.PartState));
    }

    [Fact]
    public void A_withdrawn_item_tells_its_parent_but_dates_no_one()
    {
        var run = ItemRun.Start(ItemInputs.For(Issued, Due) with { Dependents = ["3"], Parent = "9" }, Start);
        run.Raise(Event(ItemEventKind.Withdrawn, Start.AddDays(1)));
        var (instance, _, payload) = Assert.Single(run.SentEvents);
        Assert.Equal(ItemInstanceId.For("d-test", "9"), instance);
        Assert.Equal(ItemState.Withdrawn, ((ItemEvent)payload).PartState);
    }

    [Fact]
    public void A_deliverable_shows_its_parts_and_completes_when_they_have()
    {
        var run = ItemRun.Start(ItemInputs.For(Issued, Due) with { Parts = ["4.a", "4.b", "4.c"] }, Start);
        Assert.Equal(["4.a", "4.b", "4.c"], run.Status!.Parts!.Select(p => p.Label));
        Assert.All(run.Status.Parts!, p => Assert.Null(p.Ended));

        ItemEvent Part(string label, ItemState state, DateTimeOffset at) =>
            Event(ItemEventKind.PartEnded, at, $"part-{label}") with { Part = label, PartState = state };
        run.Raise(Part("4.a", ItemState.CompletedOnTime, Start.AddDays(3)));
        run.Raise(Part("4.c", ItemState.Withdrawn, Start.AddDays(4)));
        Assert.False(run.Ended);
        Assert.Equal([ItemState.CompletedOnTime, null, ItemState.Withdrawn], run.Status!.Parts!.Select(p => p.Ended));

        var last = VietnamTime.EndOfDay(Due).AddHours(2); // after the deliverable's own date
        run.Raise(Part("4.b", ItemState.CompletedLate, last));
        Assert.True(run.Ended);
        Assert.Equal(ItemState.CompletedLate, run.Outcome!.State);
        Assert.Equal(last, run.Outcome.EndedUtc);
        Assert.Equal(ItemState.CompletedLate, run.RecordedEvents.Last().NewState);
    }

    [Fact]
    public void A_part_the_deliverable_does_not_have_is_only_recorded()
    {
        var run = ItemRun.Start(ItemInputs.For(Issued, Due) with { Parts = ["4.a"] }, Start);
        run.Raise(Event(ItemEventKind.PartEnded, Start.AddDays(1)) with { Part = "7", PartState = ItemState.CompletedOnTime });
        Assert.False(run.Ended);
        Assert.All(run.Status!.Parts!, p => Assert.Null(p.Ended));
    }
}
