using Microsoft.AspNetCore.Http;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Notices;

namespace Orchestrator.Workflows.Admin;

/// <summary>The notices whose delivery is unknown, for the operations page.</summary>
/// <param name="Truncated">More rows wait than the page lists: settle these first.</param>
public sealed record UnknownNoticeListResponse(int Count, bool Truncated, IReadOnlyList<OutboxNotice> Notices);

/// <summary>An operator's decision on a notice whose delivery is unknown.</summary>
/// <param name="Outcome">"delivered" (found in SendGrid's Activity feed: recorded as sent) or "resend" (not found: sent again, once).</param>
/// <param name="Reason">Why (written to the audit table).</param>
public sealed record SettleNoticeRequest(string? Outcome = null, string? Reason = null);

/// <summary>What the decision did: the notice's state afterwards and the audit entry.</summary>
public sealed record SettleNoticeResponse(string InstanceId, string StepId, string Outcome, string State, string? MessageId, string AuditId);

/// <summary>
/// Notices whose delivery is unknown (a host died between the call to SendGrid and saving its
/// answer, or the call timed out) are never sent again by themselves, since SendGrid has no
/// idempotency key: they wait here for an operator, who looks them up in SendGrid's Activity feed
/// by their <c>custom_args.notice_key</c> and records what happened. Both hosts serve it.
/// </summary>
public sealed class UnknownNoticeApi(OutboxStore outbox, NoticeSender sender, AuditStore audit, JsonBody body)
{
    public const int MaxListed = 500;
    public const string Delivered = "delivered";
    public const string Resend = "resend";

    /// <summary>GET api/admin/notices/unknown</summary>
    public async Task<IResult> ListAsync(CancellationToken ct = default)
    {
        var (rows, truncated) = await outbox.ListOutcomeUnknownAsync(MaxListed, ct);
        return ApiResults.Json(new UnknownNoticeListResponse(rows.Count, truncated, rows.Select(OutboxNotice.From).ToList()));
    }

    /// <summary>POST api/admin/notices/{instanceId}/{stepId}/settle with {"outcome", "reason"}.</summary>
    public async Task<IResult> SettleAsync(HttpRequest request, string instanceId, string stepId)
    {
        var (decision, error) = await body.ReadAsync<SettleNoticeRequest>(request);
        if (error is not null) return error;
        var problems = new List<FieldError>();
        if (decision!.Outcome is not (Delivered or Resend))
            problems.Add(new("outcome", $"\"{Delivered}\" (found in SendGrid's Activity feed) or \"{Resend}\" (not found: send it again, once)"));
        var reason = string.IsNullOrWhiteSpace(decision.Reason) ? null : decision.Reason.Trim();
        RequestLimits.Check(problems, "reason", reason, RequestLimits.Reason, multiline: true);
        if (reason is null) problems.Add(new("reason", "say why (it is written to the audit table)"));
        if (problems.Count > 0) return ApiResults.BadRequest(problems);

        var who = AdminCaller.Of(request.HttpContext);
        var key = NoticeSender.KeyOf(instanceId, stepId);
        var action = "notice-" + decision.Outcome;
        NoticeResult? result;
        try
        {
            result = await sender.SettleOutcomeUnknownAsync(instanceId, stepId, decision.Outcome == Delivered, request.HttpContext.RequestAborted);
        }
        catch (InvalidOperationException e)
        {
            await audit.WriteAsync(who, action, key, reason!, "refused: " + e.Message);
            return ApiResults.Problem(StatusCodes.Status409Conflict, "The notice does not wait for a decision", e.Message);
        }
        catch (NoticeFailedException e)
        {
            var failed = await audit.WriteAsync(who, action, key, reason!, "failed", detail: e.Message);
            return ApiResults.Problem(StatusCodes.Status502BadGateway, "SendGrid did not take the notice", e.Message,
                extensions: new Dictionary<string, object?> { ["auditId"] = failed.RowKey });
        }
        if (result is null)
        {
            await audit.WriteAsync(who, action, key, reason!, "not found");
            return ApiResults.NotFound($"No notice '{key}' in the outbox.");
        }
        var record = await audit.WriteAsync(who, action, key, reason!, "ok", detail: result.State);
        return ApiResults.Json(new SettleNoticeResponse(instanceId, stepId, decision.Outcome!, result.State, result.MessageId, record.RowKey));
    }
}
