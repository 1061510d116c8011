using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Items;

namespace Orchestrator.Workflows.Notices;

/// <summary>
/// Builds a ready-to-send <see cref="NoticeRequest"/> from the domain: the directive, the tracked
/// item and the step, on a given day. Recipients and names follow the agency in charge on that day;
/// action links are signed for the first addressee, with the item's link epoch.
/// </summary>
public sealed partial class NoticeComposer(AgencyDirectory agencies, ActionTokens tokens)
{
    private readonly RecipientResolver _recipients = new(agencies);

    public NoticeRequest Compose(DirectivePlan plan, TrackedItem item, EscalationStep step, DateOnly today, int linkEpoch = 0) =>
        Compose(plan.Directive, plan.TrackingOffice, item, step.StepId, KindOf(step.Kind), step.Level, today, linkEpoch);

    public NoticeRequest Compose(Directive directive, Agency trackingOffice, TrackedItem item, string stepId, NoticeKind kind, int level, DateOnly today,
        int linkEpoch = 0)
    {
        var context = Context(directive, trackingOffice, item, stepId, kind, level, today, linkEpoch);
        return new NoticeRequest(InstanceIdOf(item), stepId, item.DirectiveId, item.Label, kind, level,
            context.Recipients, NoticeTemplates.Render(context));
    }

    public NoticeContext Context(Directive directive, Agency trackingOffice, TrackedItem item, string stepId, NoticeKind kind, int level, DateOnly today,
        int linkEpoch = 0)
    {
        // Without a due date an item has check-ins, and level 1 when they go unanswered; nothing else.
        var due = item.Deadline.DueDate
            ?? (kind is NoticeKind.CheckIn || (kind, level) is (NoticeKind.Escalation, 1) ? today
                : throw new InvalidOperationException($"Item {item.Id} has no due date: it has no reminders, milestones or higher escalations."));
        var recipients = _recipients.Resolve(item, trackingOffice, kind, level, today);
        var lead = item.LeadOn(today, agencies);
        return new NoticeContext
        {
            DirectiveNumber = directive.Number ?? "",
            DirectiveCode = directive.Code ?? "",
            IssueDate = directive.IssueDate ?? throw new InvalidOperationException("The directive has no issue date."),
            DirectiveSubject = directive.Subject,
            Issuer = directive.Issuer,
            TrackingOfficeName = trackingOffice.Name,
            Label = item.Label,
            Task = item.Text,
            LeadAgencyName = lead.Name,
            LeadAsWritten = item.LeadAsWritten,
            CoordinatingAgencyNames = item.Coordinating.Select(c => CoordinatorName(c, today)).Distinct().ToList(),
            Recipients = recipients,
            DueDate = due,
            NoDeadline = item.Deadline.DueDate is null,
            Today = today,
            StepId = stepId,
            Kind = kind,
            Level = kind == NoticeKind.Escalation ? level : 0,
            Repeat = RepeatOf(stepId),
            MilestoneDescription = kind == NoticeKind.Milestone ? MilestoneDescription(item, stepId) : null,
            Links = tokens.LinksFor(InstanceIdOf(item), recipients.Primary.Email, linkEpoch),
        };
    }

    public static string InstanceIdOf(TrackedItem item) => ItemInstanceId.For(item.DirectiveId, item.Label);

    public static NoticeKind KindOf(Orchestrator.Domain.Escalation.StepKind kind) => kind switch
    {
        Orchestrator.Domain.Escalation.StepKind.Reminder => NoticeKind.Reminder,
        Orchestrator.Domain.Escalation.StepKind.Milestone => NoticeKind.Milestone,
        Orchestrator.Domain.Escalation.StepKind.CheckIn => NoticeKind.CheckIn,
        _ => NoticeKind.Escalation,
    };

    /// <summary>"escalation-3-repeat-2" → 2; any other step → 0.</summary>
    public static int RepeatOf(string stepId) => RepeatPattern().Match(stepId) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    private string CoordinatorName(AgencyRef c, DateOnly day)
    {
        var agency = c.Code is { } code ? agencies.FindByCode(code) : null;
        return agency is null || agency.Kind != AgencyKind.Agency ? c.AsWritten : agencies.InChargeOn(agency.Code, day).Name;
    }

    private static string? MilestoneDescription(TrackedItem item, string stepId)
    {
        var id = stepId.StartsWith("milestone-", StringComparison.Ordinal) ? stepId["milestone-".Length..] : stepId;
        return item.Milestones.FirstOrDefault(m => m.Id == id)?.Description;
    }

    [GeneratedRegex("-repeat-([0-9]+)$")]
    private static partial Regex RepeatPattern();
}
