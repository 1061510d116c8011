using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Notices;
using Orchestrator.Workflows.Reports;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Digests;

/// <summary>What one run sent (the others of the period had gone already, or had nothing to say).</summary>
public sealed record DigestRunResult(IReadOnlyList<string> Sent, IReadOnlyList<string> Skipped);

/// <summary>
/// Sends the digests due now, through the outbox: each agency's weekly digest (its open items due
/// within <see cref="DigestOptions.DueWithinDays"/> days and its overdue items, each with its signed
/// links) for the current ISO week, and the monthly report of the month just ended to the tracking
/// office, attached. The key of each is the addressee and the period: a run that finds the row sends
/// nothing, so the schedule (a timer in the Functions app, a hosted service locally) may run as often
/// as it likes, restart or run twice at once. A row that failed with SendGrid's answer is sent again
/// by the next run; one whose outcome is unknown is left to an operator, as item notices are.
/// </summary>
public sealed class DigestRunner(DigestOptions options, ItemQueries queries, ReportBuilder reports, AgencyDirectory agencies,
    ActionTokens tokens, ActionLinkStore links, OutboxStore outbox, NoticeSender sender, TimeProvider clock,
    ILogger<DigestRunner>? logger = null)
{
    private readonly ILogger _log = logger ?? (ILogger)NullLogger.Instance;

    public async Task<DigestRunResult> RunAsync(CancellationToken ct = default)
    {
        var sent = new List<string>();
        var skipped = new List<string>();
        if (!options.Enabled) return new(sent, skipped);
        var now = clock.GetUtcNow();
        var today = VietnamTime.Today(now);
        await WeeklyAsync(now, today, sent, skipped, ct);
        await MonthlyAsync(today, sent, skipped, ct);
        return new(sent, skipped);
    }

    private async Task WeeklyAsync(DateTimeOffset now, DateOnly today, List<string> sent, List<string> skipped, CancellationToken ct)
    {
        var week = DigestKeys.Week(today);
        var items = (await queries.QueryAllAsync(new ItemFilter()))!;
        var horizon = now.AddDays(DigestOptions.DueWithinDays);
        var byAgency = items
            .Where(i => i.Category == StatusCategory.Overdue
                        || (i.Category == StatusCategory.InProgressWithinDeadline && i.DueUtc is { } due && due <= horizon))
            .GroupBy(i => i.AgencyInCharge, StringComparer.Ordinal);
        foreach (var group in byAgency.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var partition = DigestKeys.WeeklyPartition(group.Key);
            if (!await ShouldSendAsync(partition, week, ct)) { skipped.Add(NoticeSender.KeyOf(partition, week)); continue; }
            if (agencies.FindByCode(group.Key) is not { Contacts: { } contacts } agency)
            {
                DigestLog.AgencyWithoutContacts(_log, group.Key);
                continue;
            }
            var to = new NoticeAddress(contacts.FocalPoint, agency.Name);
            var lines = new List<DigestLine>();
            foreach (var item in group.OrderBy(i => i.DueUtc))
                lines.Add(new DigestLine(item, tokens.LinksFor(item.InstanceId, to.Email, await links.CurrentEpochAsync(item.InstanceId))));
            var content = DigestTemplates.Weekly(agency.Name, week, today, lines);
            await SendAsync(new NoticeRequest(partition, week, "", "", NoticeKind.Digest, 0, new NoticeRecipients([to], []), content), sent, ct);
        }
    }

    private async Task MonthlyAsync(DateOnly today, List<string> sent, List<string> skipped, CancellationToken ct)
    {
        var lastMonth = today.AddMonths(-1);
        var period = ReportPeriod.Month(lastMonth.Year, lastMonth.Month);
        if (agencies.FindByCode(DirectivePlanner.DefaultTrackingOffice) is not { Contacts: { } contacts } office)
        {
            DigestLog.OfficeWithoutContacts(_log, DirectivePlanner.DefaultTrackingOffice);
            return;
        }
        var partition = DigestKeys.MonthlyPartition(office.Code);
        if (!await ShouldSendAsync(partition, period.Key, ct)) { skipped.Add(NoticeSender.KeyOf(partition, period.Key)); return; }
        var report = await reports.BuildAsync(period, ct: ct);
        var workbook = ReportXlsx.Render(report);
        var content = DigestTemplates.Monthly(office.Name, report);
        var attachment = workbook.Length <= OutboxRecord.MaxAttachmentBytes
            ? new NoticeAttachment(ReportLabels.FileName(report, "xlsx"), ReportXlsx.ContentType, workbook)
            : null;
        if (attachment is null)
            DigestLog.WorkbookTooLarge(_log, period.Key, workbook.Length);
        await SendAsync(new NoticeRequest(partition, period.Key, "", "", NoticeKind.Digest, 0,
            new NoticeRecipients([new NoticeAddress(contacts.FocalPoint, office.Name)], []), content, attachment), sent, ct);
    }

    /// <summary>
    /// Whether this run composes the period's digest and hands it to the sender: unless its row is
    /// settled (Sent, NotSent, or Failed with an unknown outcome, which waits for an operator). A
    /// Pending row goes to the sender too: a run that died after reserving it, before any call, left
    /// it so, and the sender takes it over once its lease ends (or waits for a run still sending);
    /// skipping it here would lose that period's digest for good.
    /// </summary>
    private async Task<bool> ShouldSendAsync(string partition, string period, CancellationToken ct) =>
        await outbox.GetAsync(partition, period, ct) is not { } row
        || row.State == OutboxState.Pending
        || (row.State == OutboxState.Failed && !OutboxRecord.IsOutcomeUnknown(row));

    private async Task SendAsync(NoticeRequest request, List<string> sent, CancellationToken ct)
    {
        try
        {
            var result = await sender.SendAsync(request, ct);
            sent.Add(NoticeSender.KeyOf(result.InstanceId, result.StepId));
        }
        catch (NoticeFailedException e)
        {
            DigestLog.NotSent(_log, e, NoticeSender.KeyOf(request.InstanceId, request.StepId));
        }
    }
}

/// <summary>One item of an agency's weekly digest, with the links signed for the digest's addressee.</summary>
public sealed record DigestLine(ItemView Item, NoticeLinks Links);

/// <summary>The digests' log events (ids 5001-5099), source-generated.</summary>
internal static partial class DigestLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "No weekly digest for agency {Agency}: it has no contacts in the directory.")]
    public static partial void AgencyWithoutContacts(ILogger logger, string agency);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "No monthly report digest: the tracking office {Office} has no contacts in the directory.")]
    public static partial void OfficeWithoutContacts(ILogger logger, string office);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "The report of {Period} is {Size} bytes, too large to keep in the outbox: sent without the workbook.")]
    public static partial void WorkbookTooLarge(ILogger logger, string period, int size);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Digest {Key} was not sent; the outbox row says why.")]
    public static partial void NotSent(ILogger logger, Exception exception, string key);
}
