using System.Text.Json.Serialization;
using Microsoft.DurableTask;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Notices;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Items.Activities;

/// <summary>A step whose time has come, with the item's current due date and lead, and the plan it
/// belongs to (1 when absent: inputs scheduled before plans were numbered). <paramref name="LevelAfter"/>
/// (the item's level once the step is sent) and <paramref name="LinkEpoch"/> (the item's link epoch,
/// which the orchestration knows: <see cref="ItemProgress.Transfers"/>) spare the activity two reads;
/// null in steps scheduled before they were passed: then it reads them.</summary>
public sealed record NoticeStep(string DirectiveId, string Label, PlannedStep Step, DateOnly? DueDate, string? LeadCode,
    int SkippedEarlierSteps, DateTimeOffset FiredUtc, int Plan = 1, int? LevelAfter = null, int? LinkEpoch = null)
{
    /// <summary>The notice's key in the outbox and the timeline: the step id qualified by its plan.</summary>
    [JsonIgnore]
    public string Key => StepKeys.For(Plan, Step.StepId);
}

/// <summary>What the notice step did: the notice's state and message id, and the agency in charge it found.</summary>
public sealed record NoticeOutcome(string State, string? MessageId, string? AgencyInCharge = null);

/// <summary>
/// Sends the notice of a step (at most once: the outbox row keyed by instance and step key is
/// written before sending) and records the step in the timeline and the item's level in the read model.
/// A notice SendGrid refuses, or keeps failing past its retries, fails this activity and so the
/// orchestration: operators replay it. A notice whose delivery is unknown does not: see
/// <see cref="OutcomeUnknownState"/>.
/// </summary>
public sealed class SendNoticeActivity(ItemContext items, NoticeComposer composer, NoticeSender sender, ItemStore store,
    ItemCountStore counts, AgencyDirectory agencies, ActionLinkStore links, Digests.DigestOptions? digests = null) : TaskActivity<NoticeStep, NoticeOutcome>
{
    public const string Name = nameof(SendNoticeActivity);

    /// <summary>The outcome of a reminder left to the weekly digest (<c>Digests__PerItemReminders=false</c>).</summary>
    public const string InDigest = "InDigest";

    /// <summary>The outcome of a notice whose delivery is unknown (its outbox row is set aside for an operator).</summary>
    public const string OutcomeUnknownState = "OutcomeUnknown";

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
        var linkEpoch = input.LinkEpoch ?? await links.CurrentEpochAsync(context.InstanceId);
        var notice = composer.Compose(plan, item, domainStep, step.Date, linkEpoch) with { StepId = input.Key };
        NoticeResult result;
        try
        {
            result = await sender.SendAsync(notice);
        }
        catch (NoticeFailedException e) when (e.OutcomeUnknown)
        {
            // The notice may have reached the ministry: it is never sent again by itself, and it must
            // not end the item's ladder either. Its outbox row waits for an operator (operations page);
            // the step is recorded as such and the next steps go on as planned.
            result = new NoticeResult(e.InstanceId, e.StepId, OutcomeUnknownState, null, 0, SentNow: false);
        }

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

        // The read model takes the fields this step changes, written without reading the row first.
        var level = input.LevelAfter ?? Math.Max((await store.GetAsync(input.DirectiveId, input.Label))?.Level ?? 0, step.Level);
        var inCharge = item.LeadOn(step.Date, agencies);
        // Level 1 after unanswered check-ins does not make an item without a deadline overdue.
        var overdue = step.Kind == StepKind.Escalation && input.DueDate is not null;
        var fields = new Dictionary<string, object?>
        {
            [nameof(ItemRecord.Level)] = level,
            [nameof(ItemRecord.LastStep)] = input.Key,
            [nameof(ItemRecord.AgencyInCharge)] = inCharge.Code,
            [nameof(ItemRecord.AgencyInChargeName)] = inCharge.Name,
        };
        if (overdue) fields[nameof(ItemRecord.State)] = ItemState.Overdue.ToString();
        if (await store.MergeAsync(input.DirectiveId, input.Label, fields))
            await counts.ApplyAsync(input.DirectiveId, input.Label,
                before => before is null ? null : before with
                {
                    Agency = inCharge.Code,
                    AgencyName = inCharge.Name,
                    State = overdue ? ItemState.Overdue.ToString() : before.State,
                },
                whenUnknown: async () => await store.GetAsync(input.DirectiveId, input.Label) is { } row ? ItemCountFacts.Of(row) : null,
                agencyHint: inCharge.Code);
        return new NoticeOutcome(result.State, result.MessageId, inCharge.Code);
    }
}
