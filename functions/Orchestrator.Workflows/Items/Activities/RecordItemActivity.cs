using System.Globalization;
using Microsoft.DurableTask;
using Orchestrator.Domain.Agencies;
using Orchestrator.Workflows.Directives;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Items.Activities;

/// <summary>Writes the item into the read model (and its summary counters) when its orchestration starts. Safe to repeat.</summary>
public sealed class RecordItemActivity(ItemStore store, ItemCountStore counts, DirectiveStore directives, AgencyDirectory agencies,
    TimeProvider clock)
    : TaskActivity<ItemWorkflowInput, bool>
{
    public const string Name = nameof(RecordItemActivity);

    /// <summary>The timeline row of the assignment: when the item started being tracked.</summary>
    public const string AssignedRowKey = "assigned";

    public override async Task<bool> RunAsync(TaskActivityContext context, ItemWorkflowInput input)
    {
        var plan = await directives.GetPlanAsync(input.DirectiveId);
        var item = plan.Items.Single(i => i.Label == input.Label);
        var inCharge = item.LeadOn(input.Time.PlannedDay(clock.GetUtcNow()), agencies);
        var record = new ItemRecord
        {
            PartitionKey = input.DirectiveId,
            RowKey = input.Label,
            InstanceId = context.InstanceId,
            Task = input.Task,
            DeadlineKind = input.Kind,
            Urgent = input.Urgent,
            LeadAsWritten = item.LeadAsWritten,
            LeadCode = item.LeadCode,
            AgencyInCharge = inCharge.Code,
            AgencyInChargeName = inCharge.Name,
            DueDate = input.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DueUtc = input.DueUtc,
            State = ItemState.Open.ToString(),
            Level = 0,
        };
        await store.UpsertAsync(record);
        await counts.ApplyAsync(input.DirectiveId, input.Label, _ => ItemCountFacts.Of(record), agencyHint: inCharge.Code);
        await store.AppendTimelineAsync(new TimelineRecord
        {
            PartitionKey = context.InstanceId,
            RowKey = AssignedRowKey,
            AtUtc = clock.GetUtcNow(),
            Kind = "Assigned",
            Actor = "system",
            Detail = $"Lead {item.LeadAsWritten} (in charge: {inCharge.Name}); due {input.DueDate?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "none"}; " +
                     $"{input.Steps.Count} planned steps",
        });
        return true;
    }
}
