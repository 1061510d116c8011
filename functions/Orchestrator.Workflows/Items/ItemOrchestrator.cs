using Microsoft.DurableTask;
using Orchestrator.Workflows.Items.Activities;

namespace Orchestrator.Workflows.Items;

/// <summary>
/// The life of one tracked item: record it, then walk its planned steps in time order, each on a
/// durable timer, until someone completes the item. Every decision uses the orchestration's clock
/// and the frozen input only, so replays take the same path.
/// </summary>
public sealed class ItemOrchestrator : TaskOrchestrator<ItemWorkflowInput, ItemOutcome>
{
    public const string Name = nameof(ItemOrchestrator);

    public override async Task<ItemOutcome> RunAsync(TaskOrchestrationContext context, ItemWorkflowInput input)
    {
        var progress = input.Progress;
        if (!progress.Recorded)
        {
            await context.CallActivityAsync<bool>(RecordItemActivity.Name, input);
            progress = progress with { Recorded = true };
        }
        context.SetCustomStatus(StatusOf(input, progress));

        var nextEvent = context.WaitForExternalEvent<ItemEvent>(ItemEvent.Name);
        while (progress.NextStep < input.Steps.Count)
        {
            var step = input.Steps[progress.NextStep];
            var arrived = await WaitUntilAsync(context, step.FireAtUtc, nextEvent);
            if (arrived is not null) return await EndAsync(context, input, progress, arrived);

            await context.CallActivityAsync<bool>(RecordStepActivity.Name,
                new StepFired(input.DirectiveId, input.Label, step, context.CurrentUtcDateTime));
            progress = progress with
            {
                NextStep = progress.NextStep + 1,
                Level = step.Kind == StepKind.Escalation ? Math.Max(progress.Level, step.Level) : progress.Level,
            };
            context.SetCustomStatus(StatusOf(input, progress, step.StepId));
        }

        // Every step has fired: the item stays open until someone acts on it.
        return await EndAsync(context, input, progress, await nextEvent);
    }

    /// <summary>
    /// Waits for <paramref name="fireAt"/> or the next event, whichever comes first. Timers on the
    /// Azure Storage backend can fire up to a second early, so the timer is re-armed while the
    /// orchestration clock is still before the instant: a step never acts before its time.
    /// </summary>
    private static async Task<ItemEvent?> WaitUntilAsync(TaskOrchestrationContext context, DateTimeOffset fireAt,
        Task<ItemEvent> nextEvent)
    {
        while (context.CurrentUtcDateTime < fireAt.UtcDateTime)
        {
            using var cancelTimer = new CancellationTokenSource();
            var timer = context.CreateTimer(fireAt.UtcDateTime, cancelTimer.Token);
            var winner = await Task.WhenAny(nextEvent, timer);
            if (winner == nextEvent)
            {
                cancelTimer.Cancel();
                return await nextEvent;
            }
        }
        return null;
    }

    private static async Task<ItemOutcome> EndAsync(TaskOrchestrationContext context, ItemWorkflowInput input,
        ItemProgress progress, ItemEvent completion)
    {
        var state = completion.AtUtc <= input.DueUtc ? ItemState.CompletedOnTime : ItemState.CompletedLate;
        await context.CallActivityAsync<bool>(RecordEventActivity.Name,
            new EventApplied(input.DirectiveId, input.Label, completion, state));
        context.SetCustomStatus(new ItemStatus(state, input.DueUtc, progress.Level, null));
        return new ItemOutcome(state, completion.AtUtc, progress.Level);
    }

    private static ItemStatus StatusOf(ItemWorkflowInput input, ItemProgress progress, string? lastStep = null) =>
        new(progress.Level > 0 ? ItemState.Overdue : ItemState.Open, input.DueUtc, progress.Level, lastStep);
}
