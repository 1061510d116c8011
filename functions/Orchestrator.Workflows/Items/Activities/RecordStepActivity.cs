using Microsoft.DurableTask;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Items.Activities;

/// <summary>A timed step that fired: the timeline gets one row per step, the item its new level.</summary>
public sealed record StepFired(string DirectiveId, string Label, PlannedStep Step, DateTimeOffset FiredUtc);

public sealed class RecordStepActivity(ItemStore store) : TaskActivity<StepFired, bool>
{
    public const string Name = nameof(RecordStepActivity);

    public override async Task<bool> RunAsync(TaskActivityContext context, StepFired input)
    {
        var step = input.Step;
        await store.AppendTimelineAsync(new TimelineRecord
        {
            PartitionKey = context.InstanceId,
            RowKey = "step-" + step.StepId,
            AtUtc = input.FiredUtc,
            Kind = step.Kind.ToString(),
            Actor = "system",
            Detail = step.Kind == StepKind.Escalation ? $"Escalated to level {step.Level}" : step.StepId,
        });
        var item = await store.GetAsync(input.DirectiveId, input.Label)
            ?? throw new InvalidOperationException($"Item {input.DirectiveId}/{input.Label} is not in the read model.");
        item.LastStep = step.StepId;
        if (step.Kind == StepKind.Escalation)
        {
            item.Level = Math.Max(item.Level, step.Level);
            item.State = ItemState.Overdue.ToString();
        }
        await store.UpsertAsync(item);
        return true;
    }
}
