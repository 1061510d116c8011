using Microsoft.DurableTask;
using Orchestrator.Domain.Agencies;
using Orchestrator.Workflows.Notices;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Items.Activities;

/// <summary>An event that people caused, with the item's state after it.</summary>
public sealed record EventApplied(string DirectiveId, string Label, ItemEvent Event, ItemState NewState, string? LeadCode,
    DateOnly? DueDate, DateTimeOffset? DueUtc, int Level);

/// <summary>Writes the event into the timeline (keyed by its event id) and the item's new state; an end
/// or a transfer advances the item's link epoch, so every earlier action link stops working. Safe to repeat.</summary>
public sealed class RecordEventActivity(ItemStore store, AgencyDirectory agencies, ActionLinkStore links) : TaskActivity<EventApplied, bool>
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
            Detail = Describe(e),
        });

        var transferred = e.Kind == ItemEventKind.Transferred && !string.IsNullOrEmpty(e.ToAgency);
        if (input.NewState.IsEnded() || transferred)
            await links.AdvanceEpochAsync(context.InstanceId, e.EventId, input.NewState,
                transferred ? agencies.FindByCode(e.ToAgency!)?.Name ?? e.ToAgency : null, e.AtUtc);

        var item = await store.GetAsync(input.DirectiveId, input.Label)
            ?? throw new InvalidOperationException($"Item {input.DirectiveId}/{input.Label} is not in the read model.");
        item.State = input.NewState.ToString();
        item.DueDate = input.DueDate?.ToString("yyyy-MM-dd");
        item.DueUtc = input.DueUtc;
        item.Level = input.Level;
        if (input.NewState.IsEnded()) item.EndedUtc = e.AtUtc;
        if (e.Kind == ItemEventKind.Transferred && agencies.FindByCode(input.LeadCode ?? "") is { } to)
        {
            item.AgencyInCharge = to.Code;
            item.AgencyInChargeName = to.Name;
        }
        await store.UpsertAsync(item);
        return true;
    }

    private static string Describe(ItemEvent e) => string.Join("; ", new[]
    {
        e.ReportNumber is null ? null : $"report {e.ReportNumber}" + (e.ReportDate is { } d ? $" of {d:dd/MM/yyyy}" : ""),
        e.NewDueDate is { } due ? $"new due date {due:dd/MM/yyyy}" : null,
        e.ToAgency is null ? null : $"to {e.ToAgency}",
        e.Reason is null ? null : $"reason: {e.Reason}",
        e.Note,
    }.Where(s => !string.IsNullOrEmpty(s)));
}
