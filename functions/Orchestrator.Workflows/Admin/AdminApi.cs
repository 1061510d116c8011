using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Admin;

/// <summary>
/// The admin API, shared by both hosts: find instances (joined with the read model), inspect one,
/// act on one or many. Every action needs a reason and is written to the audit table. The Durable
/// Task client is a parameter (the Functions app gets it from its [DurableClient] binding).
/// </summary>
public sealed partial class AdminApi(ItemStore items, AuditStore audit, BulkRunner bulk, IInstanceHistory history, JsonBody body,
    ItemEventRules eventRules, AdminOptions options, TimeProvider clock)
{
    public const int ListDefaultLimit = 100;
    public const int ListMaxLimit = 1000;

    /// <summary>GET api/admin/instances?status=&amp;createdFrom=&amp;createdTo=&amp;prefix=&amp;limit=&amp;continuation=</summary>
    public async Task<IResult> ListAsync(DurableTaskClient durable, HttpRequest request)
    {
        var q = request.Query;
        var problems = new List<FieldError>();
        if (!AdminRules.TryParseStatuses(q["status"], out var statuses))
            problems.Add(new("status", "one of " + AdminRules.StatusNames));
        var from = ParseInstant(q["createdFrom"], "createdFrom", problems);
        var to = ParseInstant(q["createdTo"], "createdTo", problems);
        var limit = ParseLimit(q["limit"], ListDefaultLimit, ListMaxLimit, problems);
        if (from is not null && to is not null && from > to) problems.Add(new("createdFrom", "must not be after createdTo"));
        RequestLimits.Check(problems, "prefix", q["prefix"], RequestLimits.InstanceId);
        RequestLimits.Check(problems, "instanceIdPrefix", q["instanceIdPrefix"], RequestLimits.InstanceId);
        RequestLimits.Check(problems, "continuation", q["continuation"], RequestLimits.ContinuationToken);
        if (problems.Count > 0) return ApiResults.BadRequest(problems);

        var prefix = Blank(q["prefix"]) ?? Blank(q["instanceIdPrefix"]);
        var query = new OrchestrationQuery
        {
            Statuses = statuses,
            CreatedFrom = from,
            CreatedTo = to,
            InstanceIdPrefix = prefix,
        };
        var found = new List<OrchestrationMetadata>();
        string? continuation = Blank(q["continuation"]);
        // Each page asks only for the rows still wanted, so the backend's token always points just
        // past the last row returned: the next call resumes there, losing and repeating nothing.
        // Pages may come back short (Azure Table Storage ends one at partition boundaries, even
        // empty), so keep asking until the limit is reached or the backend has no more.
        do
        {
            var page = await FirstPageAsync(durable, query, continuation, Math.Min(limit - found.Count, ListMaxPageSize));
            found.AddRange(page.Values);
            continuation = Blank(page.ContinuationToken);
        } while (found.Count < limit && continuation is not null);
        var rows = await JoinAsync(found);
        return ApiResults.Json(new InstanceListResponse(rows.Count, Truncated: continuation is not null, continuation, rows));
    }

    private const int ListMaxPageSize = 500;

    private static async Task<Page<OrchestrationMetadata>> FirstPageAsync(DurableTaskClient durable, OrchestrationQuery query,
        string? continuation, int pageSize)
    {
        await foreach (var page in durable.GetAllInstancesAsync(query with { PageSize = pageSize, ContinuationToken = continuation })
                           .AsPages(continuation, pageSize))
            return page;
        return new Page<OrchestrationMetadata>([], null);
    }

    /// <summary>GET api/admin/instances/{instanceId}: status, input, custom status, failure, read model, history.</summary>
    public async Task<IResult> GetAsync(DurableTaskClient durable, string instanceId)
    {
        if (InvalidInstanceId(instanceId) is { } invalid) return invalid;
        var instance = await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
        if (instance is null) return ApiResults.NotFound($"No orchestration instance '{instanceId}'.");
        var summary = (await JoinAsync([instance]))[0];
        var timeline = await history.GetAsync(durable, instanceId);
        return ApiResults.Json(new InstanceResponse(
            summary.InstanceId,
            summary.Name,
            summary.RuntimeStatus,
            summary.CreatedAt,
            summary.LastUpdatedAt,
            Input: ParseJson(instance.SerializedInput),
            CustomStatus: ParseJson(instance.SerializedCustomStatus),
            Output: instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? null : ParseJson(instance.SerializedOutput),
            FailureReason: summary.FailureMessage,
            Failure: instance.FailureDetails is { } f ? Failure(f) : null,
            summary.Item,
            Actions: Enum.GetValues<AdminAction>().Where(a => AdminRules.Applicable(a).Contains(instance.RuntimeStatus))
                .Select(AdminRules.Verb).ToList(),
            History: new HistoryResponse(timeline.Available, timeline.Note, timeline.Events)));
    }

    /// <summary>POST api/admin/instances/{instanceId}/{action} with {"reason", "eventName", "eventData"}.</summary>
    public async Task<IResult> ActAsync(DurableTaskClient durable, HttpRequest request, string instanceId, string action)
    {
        if (!AdminRules.TryParse(action, out var verb))
            return ApiResults.BadRequest([new FieldError("action",
                "one of " + string.Join(", ", Enum.GetValues<AdminAction>().Select(AdminRules.Verb)))]);
        if (InvalidInstanceId(instanceId) is { } invalid) return invalid;
        var (act, error) = await ReadOptionalAsync<AdminActionRequest>(request);
        if (error is not null) return error;
        act ??= new AdminActionRequest();
        // The reason comes from the JSON body only: a query reason let a body-less (cross-site) post act.
        var reason = Blank(act.Reason);
        var problems = new List<FieldError>();
        RequestLimits.Check(problems, "reason", reason, RequestLimits.Reason, multiline: true);
        RequestLimits.Check(problems, "eventName", act.EventName, RequestLimits.EventName);
        if (reason is null) problems.Add(new("reason", "say why (it is written to the audit table)"));
        if (verb == AdminAction.Raise && string.IsNullOrWhiteSpace(act.EventName))
            problems.Add(new("eventName", "the name of the event to raise is required"));
        if (verb != AdminAction.Raise && (act.EventName is not null || act.EventData is not null))
            problems.Add(new(act.EventName is not null ? "eventName" : "eventData", "only for the raise action"));
        if (verb == AdminAction.Raise && act.EventName == Items.ItemEvent.Name && !IsItemEvent(act.EventData))
            // A malformed item event would fail the item's orchestration when it reads it: refuse it here.
            problems.Add(new("eventData", "an item event {eventId, kind (" + string.Join("|", Enum.GetNames<Items.ItemEventKind>()
                .Select(n => char.ToLowerInvariant(n[0]) + n[1..])) + "), actor, atUtc, ...}; the item endpoints " +
                "(/api/items/{directiveId}/{label}/complete, ...) build it for you"));
        else if (verb == AdminAction.Raise && act.EventName == Items.ItemEvent.Name)
        {
            var raised = ItemEventOf(act.EventData)!;
            RequestLimits.CheckEvent(problems, "eventData.", raised);
            eventRules.CheckRaised(problems, "eventData.", raised);
            // The operator who raised it is the caller, whatever the payload says.
            act = act with { EventData = JsonSerializer.SerializeToElement(raised with { Caller = AdminCaller.Of(request.HttpContext).Identity },
                WorkflowJson.Options) };
        }
        if (problems.Count > 0) return ApiResults.BadRequest(problems);

        var who = AdminCaller.Of(request.HttpContext);
        var instance = await durable.GetInstanceAsync(instanceId);
        if (instance is null)
        {
            await audit.WriteAsync(who, AdminRules.Verb(verb), instanceId, reason!, "not found");
            return ApiResults.NotFound($"No orchestration instance '{instanceId}'.");
        }
        if (AdminRules.WhySkipped(verb, instance.RuntimeStatus) is { } skipped)
        {
            await audit.WriteAsync(who, AdminRules.Verb(verb), instanceId, reason!, "refused: " + skipped);
            return ApiResults.Problem(StatusCodes.Status409Conflict, "The action does not apply",
                $"Instance '{instanceId}' is {instance.RuntimeStatus}; {AdminRules.Verb(verb)} applies to " +
                string.Join("/", AdminRules.Applicable(verb)) + " instances.",
                extensions: new Dictionary<string, object?> { ["runtimeStatus"] = instance.RuntimeStatus.ToString() });
        }

        var outcome = await BulkRunner.ApplyAsync(durable, verb, instanceId, reason!, act.EventName, act.EventData);
        var record = await audit.WriteAsync(who, AdminRules.Verb(verb), instanceId, reason!, outcome.Result,
            detail: outcome.Detail);
        if (outcome.Unsupported)
            return ApiResults.Problem(StatusCodes.Status501NotImplemented, $"{verb} is not available here", outcome.Detail!,
                extensions: new Dictionary<string, object?> { ["suggestion"] = "restart", ["auditId"] = record.RowKey });
        if (outcome.Result != "ok")
            return ApiResults.Problem(StatusCodes.Status409Conflict, $"{verb} failed", outcome.Detail ?? outcome.Result,
                extensions: new Dictionary<string, object?> { ["auditId"] = record.RowKey });
        return ApiResults.Json(new InstanceActionResponse(instanceId, Action: AdminRules.Verb(verb),
            StatusBefore: instance.RuntimeStatus.ToString(), outcome.Result, outcome.Detail, AuditId: record.RowKey),
            StatusCodes.Status202Accepted);
    }

    /// <summary>POST api/admin/bulk/{action}?dryRun=true with a <see cref="BulkFilter"/>.</summary>
    public async Task<IResult> BulkAsync(DurableTaskClient durable, HttpRequest request, string action)
    {
        if (!AdminRules.TryParse(action, out var verb) || verb == AdminAction.Raise)
            return ApiResults.BadRequest([new FieldError("action",
                "one of " + string.Join(", ", Enum.GetValues<AdminAction>().Where(a => a != AdminAction.Raise).Select(AdminRules.Verb)))]);
        var (filter, error) = await body.ReadAsync<BulkFilter>(request);
        if (error is not null) return error;

        var problems = new List<FieldError>();
        var dryRunText = Blank(request.Query["dryRun"]);
        var dryRun = false;
        if (dryRunText is not null && !bool.TryParse(dryRunText, out dryRun)) problems.Add(new("dryRun", "true or false"));
        if (Blank(filter!.Reason) is null) problems.Add(new("reason", "say why (it is written to the audit table)"));
        RequestLimits.Check(problems, "reason", filter.Reason, RequestLimits.Reason, multiline: true);
        RequestLimits.Check(problems, "status", filter.Status, RequestLimits.QueryValue);
        RequestLimits.Check(problems, "instanceIdPrefix", filter.InstanceIdPrefix, RequestLimits.InstanceId);
        for (var i = 0; i < (filter.InstanceIds?.Count ?? 0) && i < options.BulkMaxInstances; i++)
            RequestLimits.Check(problems, $"instanceIds[{i}]", filter.InstanceIds![i], RequestLimits.InstanceId);
        if (!AdminRules.TryParseStatuses(filter.Status, out var statuses))
            problems.Add(new("status", "one of " + AdminRules.StatusNames));
        else if (statuses?.Where(s => !AdminRules.Applicable(verb).Contains(s)).Select(s => (OrchestrationRuntimeStatus?)s)
                     .FirstOrDefault() is { } wrong)
            problems.Add(new("status", $"{AdminRules.Verb(verb)} applies to {string.Join("/", AdminRules.Applicable(verb))} instances, not {wrong}"));
        if (filter.Limit is < 1 || filter.Limit > options.BulkMaxInstances)
            problems.Add(new("limit", $"between 1 and {options.BulkMaxInstances}"));
        if (filter.OlderThanDays is < 0) problems.Add(new("olderThanDays", "zero or more days"));
        if (filter.OlderThanDays is not null && filter.CreatedTo is not null)
            problems.Add(new("olderThanDays", "give olderThanDays or createdTo, not both"));
        if (filter.InstanceIds is { Count: > 0 } ids && ids.Count > options.BulkMaxInstances)
            problems.Add(new("instanceIds", $"at most {options.BulkMaxInstances} ids"));
        if (filter.InstanceIds?.Any(string.IsNullOrWhiteSpace) == true)
            problems.Add(new("instanceIds", "ids must not be empty"));
        if (filter.CreatedFrom is not null && filter.CreatedTo is not null && filter.CreatedFrom > filter.CreatedTo)
            problems.Add(new("createdFrom", "must not be after createdTo"));
        if (problems.Count > 0) return ApiResults.BadRequest(problems);

        var report = await bulk.RunAsync(durable, verb, filter, statuses, dryRun, AdminCaller.Of(request.HttpContext));
        return ApiResults.Json(report);
    }

    /// <summary>GET api/admin/audit?date=YYYY-MM-DD&amp;instanceId=&amp;bulkId=&amp;limit=</summary>
    public async Task<IResult> AuditAsync(HttpRequest request)
    {
        var q = request.Query;
        var problems = new List<FieldError>();
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (Blank(q["date"]) is { } text && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            problems.Add(new("date", "a UTC day such as 2025-06-01"));
        var limit = ParseLimit(q["limit"], 1000, 10000, problems);
        RequestLimits.Check(problems, "instanceId", q["instanceId"], RequestLimits.InstanceId);
        RequestLimits.Check(problems, "bulkId", q["bulkId"], RequestLimits.QueryValue);
        if (problems.Count > 0) return ApiResults.BadRequest(problems);
        var entries = await audit.ReadDayAsync(day, Blank(q["instanceId"]), Blank(q["bulkId"]), limit);
        return ApiResults.Json(new AuditResponse(
            Date: day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Count: entries.Count,
            Entries: entries.Select(e => new AuditEntry(
                Id: e.RowKey, e.AtUtc, Who: e.Operator, e.OnBehalfOf, e.Action, e.InstanceId, e.Reason, e.Result, e.DryRun, e.BulkId, e.Detail)).ToList()));
    }

    /// <summary>The read model joined to durable instances whose id is an item's (directive:label).</summary>
    private async Task<List<InstanceSummary>> JoinAsync(IReadOnlyList<OrchestrationMetadata> instances)
    {
        using var gate = new SemaphoreSlim(8);
        var rows = await Task.WhenAll(instances.Select(async i =>
        {
            ItemSummary? item = null;
            if (ItemInstanceId.Parse(i.InstanceId) is var (directiveId, label))
            {
                await gate.WaitAsync();
                try
                {
                    var record = await items.GetAsync(directiveId, label);
                    item = record is null
                        ? new ItemSummary(directiveId, label, null, null, null, null, null)
                        : new ItemSummary(directiveId, label, record.Task, record.AgencyInCharge, record.DueUtc, record.State, record.Level);
                }
                catch (Azure.RequestFailedException)
                {
                    item = new ItemSummary(directiveId, label, null, null, null, "(read model unavailable)", null);
                }
                finally { gate.Release(); }
            }
            return new InstanceSummary(i.InstanceId, i.Name, i.RuntimeStatus.ToString(), i.CreatedAt, i.LastUpdatedAt,
                i.FailureDetails?.ErrorType, i.FailureDetails is { } f ? FirstLine(Innermost(f)) : null, item);
        }));
        return rows.ToList();
    }

    /// <summary>An instance id from the route: any orchestration's id, within the length and text rules.</summary>
    private static IResult? InvalidInstanceId(string instanceId)
    {
        var problems = new List<FieldError>();
        RequestLimits.Check(problems, "instanceId", instanceId, RequestLimits.InstanceId);
        return problems.Count > 0 ? ApiResults.BadRequest(problems) : null;
    }

    private static bool IsItemEvent(JsonElement? data) =>
        ItemEventOf(data) is { EventId.Length: > 0, Actor.Length: > 0 } parsed && parsed.AtUtc != default;

    private static Items.ItemEvent? ItemEventOf(JsonElement? data)
    {
        if (data is not { ValueKind: JsonValueKind.Object } element) return null;
        try { return element.Deserialize<Items.ItemEvent>(Hosting.WorkflowJson.Options); }
        catch (JsonException) { return null; }
    }

    /// <summary>The message an operator needs: the innermost failure (the activity's exception), with what wrapped it.</summary>
    private static string Innermost(TaskFailureDetails f)
    {
        var inner = f;
        while (inner.InnerFailure is not null) inner = inner.InnerFailure;
        return ReferenceEquals(inner, f) ? f.ErrorMessage : $"{inner.ErrorType}: {inner.ErrorMessage}";
    }

    /// <summary>A failure message fit for a listing: its first line, at most 300 characters (GET one instance for all of it).</summary>
    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        // "Microsoft.DurableTask.TaskFailedException: Task 'X' (#0) failed with an unhandled exception: why" → "X: why"
        line = ExceptionPrefix().Replace(line, "");
        line = TaskFailed().Replace(line, "$1: ");
        return line.Length <= 300 ? line : line[..299] + "…";
    }

    private static InstanceFailure Failure(TaskFailureDetails f) =>
        new(f.ErrorType, f.ErrorMessage, f.StackTrace, f.InnerFailure is { } i ? Failure(i) : null);

    private static JsonElement? ParseJson(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        try { using var d = JsonDocument.Parse(text); return d.RootElement.Clone(); }
        catch (JsonException) { return JsonSerializer.SerializeToElement(text); }
    }

    private async Task<(T? Value, IResult? Error)> ReadOptionalAsync<T>(HttpRequest request) where T : class =>
        request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any(v => v?.Contains("chunked") == true)
            ? (null, null)
            : await body.ReadAsync<T>(request);

    private static DateTimeOffset? ParseInstant(string? text, string field, List<FieldError> problems)
    {
        if (Blank(text) is not { } t) return null;
        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return at;
        problems.Add(new(field, "an ISO 8601 instant such as 2025-06-01T00:00:00Z"));
        return null;
    }

    private static int ParseLimit(string? text, int fallback, int max, List<FieldError> problems)
    {
        if (Blank(text) is not { } t) return fallback;
        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max) return n;
        problems.Add(new("limit", $"a number from 1 to {max}"));
        return fallback;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[\w.]+Exception: ")]
    private static partial System.Text.RegularExpressions.Regex ExceptionPrefix();

    [System.Text.RegularExpressions.GeneratedRegex(@"^Task '([^']+)' \(#\d+\) failed with an unhandled exception: ")]
    private static partial System.Text.RegularExpressions.Regex TaskFailed();
}
