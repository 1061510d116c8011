using Microsoft.DurableTask;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Items.Activities;

/// <summary>An event that people caused, with the item state it led to.</summary>
public sealed record EventApplied(string DirectiveId, string Label, ItemEvent Event, ItemState NewState);

public sealed class RecordEventActivity(ItemStore store) : TaskActivity<EventApplied, bool>
{
    public const string Name = nameof(RecordEventActivity);

    public override async Task<bool> RunAsync(TaskActivityContext context, EventApplied input)
    {
        var e = input.Event;
        await store.AppendTimelineAsync(new TimelineRecord
        {
            PartitionKey = context.InstanceId,
            RowKey = "event-" + e.EventId,
            AtUtc = e.AtUtc,
            Kind = e.Kind.ToString(),
            Actor = e.Actor,
            Detail = string.Join("; ", new[] { e.ReportNumber is null ? null : $"report {e.ReportNumber}", e.Note }
                .Where(s => !string.IsNullOrEmpty(s))),
        });
        var item = await store.GetAsync(input.DirectiveId, input.Label)
            ?? throw new InvalidOperationException($"Item {input.DirectiveId}/{input.Label} is not in the read model.");
        item.State = input.NewState.ToString();
        if (input.NewState is ItemState.CompletedOnTime or ItemState.CompletedLate) item.EndedUtc = e.AtUtc;
        await store.UpsertAsync(item);
        return true;
    }
}
