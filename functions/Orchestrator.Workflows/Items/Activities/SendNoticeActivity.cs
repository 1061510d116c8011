using System.Text.Json.Serialization;
using Microsoft.DurableTask;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Notices;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Items.Activities;

/// <summary>A step whose time has come, with the item's current due date and lead, and the plan it
/// belongs to (1 when absent: inputs scheduled before plans were numbered).</summary>
public sealed record NoticeStep(string DirectiveId, string Label, PlannedStep Step, DateOnly? DueDate, string? LeadCode,
    int SkippedEarlierSteps, DateTimeOffset FiredUtc, int Plan = 1)
{
    /// <summary>The notice's key in the outbox and the timeline: the step id qualified by its plan.</summary>
    [JsonIgnore]
    public string Key => StepKeys.For(Plan, Step.StepId);
}

public sealed record NoticeOutcome(string State, string? MessageId);

/// <summary>
/// Sends the notice of a step (at most once: the outbox row keyed by instance and step key is
/// written before sending) and records the step in the timeline and the item's level in the read model.
/// A notice SendGrid refuses fails this activity, and so the orchestration: operators replay it.
/// </summary>
public sealed class SendNoticeActivity(ItemContext items, NoticeComposer composer, NoticeSender sender, ItemStore store,
    AgencyDirectory agencies, ActionLinkStore links, Digests.DigestOptions? digests = null) : TaskActivity<NoticeStep, NoticeOutcome>
{
    public const string Name = nameof(SendNoticeActivity);

    /// <summary>The outcome of a reminder left to the weekly digest (<c>Digests__PerItemReminders=false</c>).</summary>
    public const string InDigest = "InDigest";

    public override async Task<NoticeOutcome> RunAsync(TaskActivityContext context, NoticeStep input)
    {
        var step = input.Step;
        if (step.Kind == StepKind.Reminder && digests is { RemindersInDigestOnly: true })
        {
            await store.AppendTimelineAsync(new TimelineRecord
            {
                PartitionKey = context.InstanceId,
                RowKey = "step-" + input.Key,
                AtUtc = input.FiredUtc,
                Kind = step.Kind.ToString(),
                Actor = "system",
                Detail = $"{step.StepId} (planned {step.Date:dd/MM/yyyy}): not sent, the agency's weekly digest lists the item (Digests__PerItemReminders=false)",
            });
            return new NoticeOutcome(InDigest, null);
        }
        var (plan, item) = await items.GetAsync(input.DirectiveId, input.Label, input.DueDate, input.LeadCode);
        var domainStep = new EscalationStep(step.StepId, step.Kind, step.Level, step.Date, step.FireAtUtc);
        // Links are signed with the item's current epoch: after a transfer, the new agency's work.
        var linkEpoch = await links.CurrentEpochAsync(context.InstanceId);
        var notice = composer.Compose(plan, item, domainStep, step.Date, linkEpoch) with { StepId = input.Key };
        var result = await sender.SendAsync(notice);

        await store.AppendTimelineAsync(new TimelineRecord
        {
            PartitionKey = context.InstanceId,
            RowKey = "step-" + input.Key,
            AtUtc = input.FiredUtc,
            Kind = step.Kind.ToString(),
            Actor = "system",
            Detail = $"{step.StepId}{(input.Plan > 1 ? $" of plan {input.Plan}" : "")} (level {step.Level}, planned {step.Date:dd/MM/yyyy}): notice {result.State}" +
                     (input.SkippedEarlierSteps > 0 ? $"; catch-up: {input.SkippedEarlierSteps} earlier step(s) not sent" : ""),
        });

        var record = await store.GetAsync(input.DirectiveId, input.Label);
        if (record is not null)
        {
            record.Level = Math.Max(record.Level, step.Level);
            record.LastStep = input.Key;
            var inCharge = item.LeadOn(step.Date, agencies);
            record.AgencyInCharge = inCharge.Code;
            record.AgencyInChargeName = inCharge.Name;
            // Level 1 after unanswered check-ins does not make an item without a deadline overdue.
            if (step.Kind == StepKind.Escalation && input.DueDate is not null) record.State = ItemState.Overdue.ToString();
            await store.UpsertAsync(record);
        }
        return new NoticeOutcome(result.State, result.MessageId);
    }
}
