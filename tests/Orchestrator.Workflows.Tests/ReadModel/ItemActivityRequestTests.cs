using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Directives;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Items.Activities;
using Orchestrator.Workflows.Storage;
using ItemState = Orchestrator.Workflows.Items.ItemState;

namespace Orchestrator.Workflows.Tests.ReadModel;

/// <summary>
/// The storage requests of one item's activities, counted by a pipeline policy (docs/benchmarks.md):
/// the read model takes what a step changes without reading its row first, the link epoch comes
/// from the orchestration, and the summary counters move in one transaction.
/// </summary>
public sealed class ItemActivityRequestTests
{
    private const string Label = "2.a.7";

    private static async Task<(ReadModelHarness Harness, ItemWorkflowInput Input, string InstanceId)> StartAsync()
    {
        // The clock at the directive's time: the agency in charge at import is the one its steps see.
        var harness = await ReadModelHarness.StartAsync(new ManualClock(new DateTimeOffset(2023, 10, 3, 2, 0, 0, TimeSpan.Zero)));
        var directive = DirectiveJson.Sample("6411-VPCP-KTTH");
        Assert.True(await harness.Get<DirectiveStore>().TryAddAsync(new DirectiveRecord
        {
            RowKey = Sample.Plan.DirectiveId, DocumentNumber = directive.DocumentNumber, Json = DirectiveJson.Write(directive),
            ImportedUtc = DateTimeOffset.UtcNow, ItemCount = Sample.Plan.Items.Count,
        }));
        var input = harness.Get<ItemPlanning>().InputFor(Sample.Plan, Sample.Item(Label), EscalationPolicy.Default, TimeScale.RealTime,
            Sample.Plan.Directive.IssueDate!.Value);
        return (harness, input, ItemInstanceId.For(Sample.Plan.DirectiveId, Label));
    }

    [Fact]
    public async Task A_reminder_and_a_completion_write_the_read_model_without_reading_it_first_and_move_the_counts_once()
    {
        var (harness, input, instanceId) = await StartAsync();
        await using var _ = harness;

        await harness.RunAsync<RecordItemActivity, ItemWorkflowInput, bool>(instanceId, input);
        harness.Log.Clear();
        var step = input.Steps[0];
        var outcome = await harness.RunAsync<SendNoticeActivity, NoticeStep, NoticeOutcome>(instanceId, new NoticeStep(
            input.DirectiveId, Label, step, input.DueDate, null, 0, step.FireAtUtc, LevelAfter: step.Level, LinkEpoch: 0));
        var reminder = harness.Log.Since(harness.Prefix);

        harness.Log.Clear();
        var completed = new ItemEvent
        {
            EventId = "done-1", Kind = ItemEventKind.Completed, Actor = "officer@example.org", AtUtc = input.DueUtc!.Value.AddDays(2),
        };
        await harness.RunAsync<RecordEventActivity, EventApplied, bool>(instanceId, new EventApplied(input.DirectiveId, Label, completed,
            ItemState.CompletedLate, null, input.DueDate, input.DueUtc, outcome.AgencyInCharge is null ? 0 : step.Level,
            AgencyInCharge: outcome.AgencyInCharge));
        var completion = harness.Log.Since(harness.Prefix);

        // The reminder: the notice, its timeline line, the read model's merge, and one read of the
        // counters that finds the item counted as before (nothing to write).
        Assert.Equal(["GET ItemCounts", "PATCH Items", "POST Outbox", "PUT Timeline"], reminder.Order(StringComparer.Ordinal));
        // The completion: its timeline line, the first link epoch inserted without a read, the read
        // model's merge, and the counters read then moved in one transaction.
        Assert.Equal(["GET ItemCounts", "PATCH Items", "POST $batch", "POST ActionLinks", "PUT Timeline"],
            completion.Order(StringComparer.Ordinal));

        var row = await harness.Get<ItemStore>().GetAsync(input.DirectiveId, Label);
        Assert.Equal((nameof(ItemState.CompletedLate), completed.AtUtc, step.Key()), (row!.State, row.EndedUtc, row.LastStep));
        var summary = Assert.Single(await harness.Get<ItemQueries>().SummaryAsync(input.DirectiveId));
        Assert.Equal((row.AgencyInCharge, 0, 1, 0, 0),
            (summary.Agency, summary.CompletedOnTime, summary.CompletedLate, summary.InProgressWithinDeadline, summary.Overdue));
        Assert.Equal(1, (await harness.Get<Notices.ActionLinkStore>().GetEpochAsync(instanceId))!.Epoch);
    }

    [Fact]
    public async Task Repeated_activities_change_nothing_more()
    {
        var (harness, input, instanceId) = await StartAsync();
        await using var _ = harness;
        var completed = new ItemEvent { EventId = "done-1", Kind = ItemEventKind.Completed, Actor = "x@example.org", AtUtc = input.DueUtc!.Value.AddDays(-1) };
        var applied = new EventApplied(input.DirectiveId, Label, completed, ItemState.CompletedOnTime, null, input.DueDate, input.DueUtc, 0);

        for (var run = 0; run < 2; run++)
        {
            await harness.RunAsync<RecordItemActivity, ItemWorkflowInput, bool>(instanceId, input);
            await harness.RunAsync<RecordEventActivity, EventApplied, bool>(instanceId, applied);
        }
        // Each activity ran twice (at least once): the counters count the item once, as the read model says.
        await harness.RunAsync<RecordEventActivity, EventApplied, bool>(instanceId, applied);

        var summary = Assert.Single(await harness.Get<ItemQueries>().SummaryAsync());
        Assert.Equal((1, 0, 0, 0), (summary.CompletedOnTime, summary.CompletedLate, summary.InProgressWithinDeadline, summary.Overdue));
        Assert.Equal(1, (await harness.Get<Notices.ActionLinkStore>().GetEpochAsync(instanceId))!.Epoch);
    }
}

internal static class StepKeyExtensions
{
    public static string Key(this PlannedStep step) => StepKeys.For(1, step.StepId);
}
