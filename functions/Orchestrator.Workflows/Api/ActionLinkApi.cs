using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Notices;

namespace Orchestrator.Workflows.Api;

/// <summary>
/// The links in notices: GET /act/{token} shows a small form for the action the token was signed
/// for, POST /act/{token} does it, in the recipient's name. No key: the signed token is the
/// credential (tampered or malformed → 401, expired or for another action → 403, nothing changes).
/// A genuine link works once and only until its item ends or is transferred (<see cref="ActionLinkRules"/>);
/// every answer carries the headers of <see cref="ActionPageResult"/>.
/// </summary>
public sealed class ActionLinkApi(ActionTokens tokens, ItemApi items, ActionLinkRules rules, FormBody forms, TimeProvider clock)
{
    /// <summary>The caller recorded for an event sent from an emailed link (<see cref="ItemEvent.Caller"/>).</summary>
    public const string ActionLinkCaller = "action link";

    /// <summary>Every field the link forms have, with its limit; the action decides which are required.</summary>
    private static readonly Dictionary<string, FormField> FormFields = new()
    {
        ["reportNumber"] = new(RequestLimits.ReportNumber),
        ["reportDate"] = new(10),
        ["note"] = new(RequestLimits.Note, Multiline: true),
        ["newDueDate"] = new(10),
        ["reason"] = new(RequestLimits.Reason, Multiline: true),
    };

    public async Task<IResult> FormAsync(DurableTaskClient durable, string token) => new ActionPageResult(await ShowFormAsync(durable, token));

    public async Task<IResult> SubmitAsync(DurableTaskClient durable, HttpRequest request, string token) =>
        new ActionPageResult(await ActAsync(durable, request, token));

    private async Task<IResult> ShowFormAsync(DurableTaskClient durable, string token)
    {
        var check = tokens.Validate(token);
        if (!check.IsValid) return Refused(check);
        var claims = check.Claims!;
        if (await rules.RefusalAsync(durable, claims, check.LinkId!) is { } refused) return refused;
        var (directiveId, label) = ItemInstanceId.Parse(claims.InstanceId) ?? ("?", "?");
        var fields = claims.Action switch
        {
            NoticeAction.Complete => """
                <label for="reportNumber">Số văn bản báo cáo <span class="req">(bắt buộc)</span></label>
                <input id="reportNumber" name="reportNumber" required maxlength="100" autocomplete="off">
                <label for="reportDate">Ngày báo cáo</label><input id="reportDate" name="reportDate" type="date">
                <label for="note">Ghi chú</label><textarea id="note" name="note" rows="3" maxlength="4000"></textarea>
                """,
            NoticeAction.Progress => """
                <label for="note">Tiến độ thực hiện <span class="req">(bắt buộc)</span></label>
                <textarea id="note" name="note" required rows="4" maxlength="4000"></textarea>
                <label for="reportNumber">Số văn bản báo cáo</label><input id="reportNumber" name="reportNumber" maxlength="100">
                """,
            _ => """
                <label for="newDueDate">Đề nghị gia hạn đến ngày <span class="req">(bắt buộc)</span></label>
                <input id="newDueDate" name="newDueDate" type="date" required>
                <label for="reason">Lý do <span class="req">(bắt buộc)</span></label>
                <textarea id="reason" name="reason" required rows="4" maxlength="4000"></textarea>
                """,
        };
        var body = $"""
            <h1>{Encode(Title(claims.Action))}</h1>
            <p class="muted">Văn bản {Encode(directiveId)}, nhiệm vụ {Encode(label)}<br>{Encode(claims.Recipient)}</p>
            <form method="post" class="stack">{fields}<button type="submit" class="primary">Gửi</button></form>
            """;
        var html = ActionPageResult.Page($"Nhiệm vụ {label}", body);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private async Task<IResult> ActAsync(DurableTaskClient durable, HttpRequest request, string token)
    {
        var check = tokens.Validate(token);
        if (!check.IsValid) return Refused(check);
        var claims = check.Claims!;
        if (ItemInstanceId.Parse(claims.InstanceId) is not var (directiveId, label))
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", "The link is not for a tracked item.");
        if (await rules.RefusalAsync(durable, claims, check.LinkId!) is { } refused) return refused;

        var (form, formError) = await forms.ReadAsync(request, FormFields);
        if (formError is not null) return formError;
        string? Field(string name) => form!.GetValueOrDefault(name);
        var problems = new List<FieldError>();
        DateOnly? Date(string name)
        {
            if (Field(name) is not { } text) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                RequestLimits.CheckDate(problems, name, d);
                return d;
            }
            problems.Add(new(name, "a date YYYY-MM-DD"));
            return null;
        }

        var itemEvent = new ItemEvent
        {
            EventId = Guid.NewGuid().ToString("N"),
            Kind = claims.Action switch
            {
                NoticeAction.Complete => ItemEventKind.Completed,
                NoticeAction.Progress => ItemEventKind.ProgressReported,
                _ => ItemEventKind.ExtensionRequested,
            },
            Actor = claims.Recipient,
            // The signed token is the credential: the link, sent to that recipient, is who acted.
            Caller = ActionLinkCaller,
            AtUtc = clock.GetUtcNow(),
            ReportNumber = Field("reportNumber"),
            ReportDate = Date("reportDate"),
            Note = Field("note"),
            NewDueDate = Date("newDueDate"),
            Reason = Field("reason"),
            LinkEpoch = claims.LinkEpoch,
        };
        if (claims.Action == NoticeAction.Complete && itemEvent.ReportNumber is null)
            problems.Add(new("reportNumber", "the number of the report that shows the task is done"));
        if (claims.Action == NoticeAction.Progress && itemEvent.Note is null) problems.Add(new("note", "what has been done"));
        if (claims.Action == NoticeAction.Extend)
        {
            if (itemEvent.NewDueDate is null && problems.All(p => p.Field != "newDueDate")) problems.Add(new("newDueDate", "the new last day asked for"));
            if (itemEvent.Reason is null) problems.Add(new("reason", "why more time is needed"));
        }
        if (problems.Count > 0) return ApiResults.BadRequest(problems);
        return await rules.UseOnceAsync(claims, check.LinkId!, itemEvent, e => items.SubmitAsync(durable, directiveId, label, e));
    }

    private static IResult Refused(ActionTokenResult check) =>
        ApiResults.Problem(check.HttpStatus, check.HttpStatus == 401 ? "Unauthorized" : "Forbidden", check.Reason);

    private static string Title(NoticeAction action) => action switch
    {
        NoticeAction.Complete => "Báo cáo hoàn thành nhiệm vụ",
        NoticeAction.Progress => "Báo cáo tiến độ",
        _ => "Đề nghị gia hạn",
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
