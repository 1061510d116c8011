using System.Globalization;
using Microsoft.DurableTask;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Deadlines;
using Orchestrator.Workflows.Notices;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Items.Activities;

/// <summary>An event that people caused, with the item's state after it.</summary>
/// <param name="RefusedAfterTransferTo">Set when the event was refused, not applied: it came from a
/// link issued before the item was transferred to this agency (code). Only the refusal is recorded.</param>
/// <param name="AgencyInCharge">The agency in charge as the item's last notice found it, if the
/// orchestration knows it: where its summary counters most likely are (a hint, saves a read).</param>
public sealed record EventApplied(string DirectiveId, string Label, ItemEvent Event, ItemState NewState, string? LeadCode,
    DateOnly? DueDate, DateTimeOffset? DueUtc, int Level, string? RefusedAfterTransferTo = null, string? AgencyInCharge = null);

/// <summary>Writes the event into the timeline (keyed by its event id) and the item's new state; an end
/// or a transfer advances the item's link epoch, so every earlier action link stops working. A refused
/// event is only written into the timeline, as refused, with why. Safe to repeat.</summary>
public sealed class RecordEventActivity(ItemStore store, ItemCountStore counts, AgencyDirectory agencies, ActionLinkStore links) : TaskActivity<EventApplied, bool>
{
    public const string Name = nameof(RecordEventActivity);

    /// <summary>The timeline kind of an event the item refused.</summary>
    public const string RefusedKind = "Refused";

    public override async Task<bool> RunAsync(TaskActivityContext context, EventApplied input)
    {
        var e = input.Event;
        var refusal = input.RefusedAfterTransferTo is { } transferredTo
            ? $"{e.Kind} not applied: the link was issued before the transfer to {agencies.FindByCode(transferredTo)?.Name ?? transferredTo}"
            : null;
        var entry = new TimelineRecord
        {
            PartitionKey = context.InstanceId,
            // A refusal has a row of its own: the same event may have been applied before (a resend),
            // and its row must not be overwritten by the refusal of the copy.
            RowKey = (refusal is null ? "event-" : "refused-") + e.EventId,
            AtUtc = e.AtUtc,
            Kind = refusal is null ? e.Kind.ToString() : RefusedKind,
            Actor = e.Actor,
            Caller = e.Caller,
            Detail = refusal is null ? Describe(e) : string.Join("; ", new[] { refusal, Describe(e) }.Where(s => s.Length > 0)),
        };
        if (refusal is null && e.Kind is ItemEventKind.ExtensionGranted or ItemEventKind.Transferred)
            await KeepPreviousValuesAsync(entry, input);
        await store.AppendTimelineAsync(entry);
        if (refusal is not null) return true;

        var transferred = e.Kind == ItemEventKind.Transferred && !string.IsNullOrEmpty(e.ToAgency);
        if (input.NewState.IsEnded() || transferred)
            await links.AdvanceEpochAsync(context.InstanceId, e.EventId, input.NewState,
                transferred ? agencies.FindByCode(e.ToAgency!)?.Name ?? e.ToAgency : null, e.AtUtc);

        // The read model takes the fields the event changes, written without reading the row first.
        var ended = input.NewState.IsEnded();
        var to = e.Kind == ItemEventKind.Transferred ? agencies.FindByCode(input.LeadCode ?? "") : null;
        var fields = new Dictionary<string, object?>
        {
            [nameof(ItemRecord.State)] = input.NewState.ToString(),
            [nameof(ItemRecord.DueDate)] = input.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [nameof(ItemRecord.DueUtc)] = input.DueUtc,
            [nameof(ItemRecord.Level)] = input.Level,
        };
        if (ended) fields[nameof(ItemRecord.EndedUtc)] = e.AtUtc;
        // An item that waited for an event is dated once it happened: counted like any dated item.
        var dated = e.Kind == ItemEventKind.DateRecorded && input.DueDate is not null;
        if (dated) fields[nameof(ItemRecord.DeadlineKind)] = nameof(DeadlineKind.Date);
        if (to is not null)
        {
            fields[nameof(ItemRecord.AgencyInCharge)] = to.Code;
            fields[nameof(ItemRecord.AgencyInChargeName)] = to.Name;
        }
        if (!await store.MergeAsync(input.DirectiveId, input.Label, fields))
            throw new InvalidOperationException($"Item {input.DirectiveId}/{input.Label} is not in the read model.");
        await counts.ApplyAsync(input.DirectiveId, input.Label,
            before => before is null ? null : before with
            {
                State = input.NewState.ToString(),
                DeadlineKind = dated ? nameof(DeadlineKind.Date) : before.DeadlineKind,
                DueUtc = input.DueUtc ?? before.DueUtc,
                EndedUtc = ended ? e.AtUtc : before.EndedUtc,
                Agency = to?.Code ?? before.Agency,
                AgencyName = to?.Name ?? before.AgencyName,
            },
            whenUnknown: async () => await store.GetAsync(input.DirectiveId, input.Label) is { } row ? ItemCountFacts.Of(row) : null,
            agencyHint: to?.Code ?? input.AgencyInCharge);
        return true;
    }

    /// <summary>What the event changes, as it was before (for reports taken at an earlier instant). A
    /// repeated run finds the read model already changed, so the values its first run wrote win.</summary>
    private async Task KeepPreviousValuesAsync(TimelineRecord entry, EventApplied input)
    {
        var first = await store.GetTimelineEntryAsync(entry.PartitionKey, entry.RowKey);
        if (first is not null)
        {
            (entry.PreviousDueDate, entry.PreviousDueUtc, entry.PreviousAgency, entry.PreviousAgencyName) =
                (first.PreviousDueDate, first.PreviousDueUtc, first.PreviousAgency, first.PreviousAgencyName);
            return;
        }
        if (await store.GetAsync(input.DirectiveId, input.Label) is not { } item) return;
        // A calendar change can move the due date too (a rolled-over day re-rolled): the timeline keeps the one before.
        if (input.Event.Kind is ItemEventKind.ExtensionGranted or ItemEventKind.CalendarChanged)
            (entry.PreviousDueDate, entry.PreviousDueUtc) = (item.DueDate, item.DueUtc);
        else
            (entry.PreviousAgency, entry.PreviousAgencyName) = (item.AgencyInCharge, item.AgencyInChargeName);
    }

    private static string Describe(ItemEvent e) => string.Join("; ", new[]
    {
        e.ReportNumber is null ? null : $"report {e.ReportNumber}" + (e.ReportDate is { } d ? $" of {d:dd/MM/yyyy}" : ""),
        e.NewDueDate is { } due ? $"new due date {due:dd/MM/yyyy}" : null,
        e.ToAgency is null ? null : $"to {e.ToAgency}",
        e.EventName is null ? null : $"event: {e.EventName}" + (e.EventDate is { } on ? $" on {on:dd/MM/yyyy}" : ""),
        e.Part is null ? null : $"part {e.Part}: {e.PartState}",
        e.Reason is null ? null : $"reason: {e.Reason}",
        e.Note,
    }.Where(s => !string.IsNullOrEmpty(s)));
}
