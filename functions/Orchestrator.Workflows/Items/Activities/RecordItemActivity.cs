using Microsoft.DurableTask;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Items.Activities;

/// <summary>Writes the item into the read model when its orchestration starts.</summary>
public sealed class RecordItemActivity(ItemStore store) : TaskActivity<ItemWorkflowInput, bool>
{
    public const string Name = nameof(RecordItemActivity);

    public override async Task<bool> RunAsync(TaskActivityContext context, ItemWorkflowInput input)
    {
        await store.UpsertAsync(new ItemRecord
        {
            PartitionKey = input.DirectiveId,
            RowKey = input.Label,
            InstanceId = context.InstanceId,
            Task = input.Task,
            LeadAgency = input.LeadAgency,
            DueUtc = input.DueUtc,
            State = ItemState.Open.ToString(),
            Level = 0,
        });
        await store.AppendTimelineAsync(new TimelineRecord
        {
            PartitionKey = context.InstanceId,
            RowKey = "assigned",
            AtUtc = DateTimeOffset.UtcNow,
            Kind = "Assigned",
            Actor = "system",
            Detail = $"Due {input.DueUtc:O}, lead {input.LeadAgency}",
        });
        return true;
    }
}
