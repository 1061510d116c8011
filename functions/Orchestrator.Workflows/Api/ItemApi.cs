using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Directives;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Api;

public sealed record CompleteRequest(string? ReportNumber = null, DateOnly? ReportDate = null, string? Note = null, string? Actor = null);
public sealed record ProgressRequest(string? Note = null, string? ReportNumber = null, DateOnly? ReportDate = null, string? Actor = null);
public sealed record ExtensionRequest(string? Action = null, DateOnly? NewDueDate = null, string? Reason = null, string? Actor = null);
public sealed record WithdrawRequest(string? Reason = null, string? Actor = null);
public sealed record TransferRequest(string? ToAgency = null, string? Reason = null, string? Actor = null);

/// <summary>
/// HTTP handlers for one item: read it with its timeline, and the events people send it. Each
/// event is checked here (so bad input is a 400 naming the field), then raised on the item's
/// orchestration, which records it and acts on it.
/// </summary>
/// <remarks>
/// The Durable Task client is a parameter, not a dependency: the Functions app gets it from its
/// [DurableClient] binding per call, the local host from its runtime.
/// </remarks>
public sealed class ItemApi(ItemStore items, JsonBody body, AgencyDirectory agencies, ItemEventRules rules, TimeProvider clock,
    WorkingDayCalendar? calendar = null)
{
    public async Task<IResult> GetAsync(DurableTaskClient durable, string directiveId, string label)
    {
        if (ValidateAddress(directiveId, label) is { } invalid) return invalid;
        var instanceId = ItemInstanceId.For(directiveId, label);
        var item = await items.GetAsync(directiveId, label);
        var instance = await durable.GetInstanceAsync(instanceId);
        if (item is null && instance is null) return ApiResults.NotFound($"No item '{label}' in directive '{directiveId}'.");

        var timeline = await items.GetTimelineAsync(instanceId);
        var status = instance?.ReadCustomStatusAs<ItemStatus>();
        var now = clock.GetUtcNow();
        // A deliverable summarises its parts: each one's state and category, from the read model.
        List<ItemView>? parts = null;
        if (status?.Parts is { Count: > 0 } partLabels)
        {
            parts = [];
            foreach (var part in partLabels)
                if (await items.GetAsync(directiveId, part.Label) is { } row) parts.Add(ItemQueries.ToView(row, now, calendar));
        }
        return ApiResults.Json(new ItemResponse(
            directiveId,
            label,
            instanceId,
            RuntimeStatus: instance?.RuntimeStatus.ToString(),
            Status: status,
            Item: item is null ? null : ItemQueries.ToView(item, now, calendar),
            Timeline: timeline.Select(t => new TimelineEntry(t.AtUtc, t.Kind, t.Actor, t.Detail, t.Caller)).ToList(),
            Parts: parts));
    }

    public Task<IResult> CompleteAsync(DurableTaskClient durable, HttpRequest request, string directiveId, string label) =>
        HandleAsync<CompleteRequest>(durable, request, directiveId, label, (r, problems) =>
        {
            CheckReport(problems, r.ReportNumber, r.ReportDate, r.Note);
            return Event(ItemEventKind.Completed, r.Actor, request, problems) with
            {
                ReportNumber = r.ReportNumber, ReportDate = r.ReportDate, Note = r.Note,
            };
        });

    public Task<IResult> ProgressAsync(DurableTaskClient durable, HttpRequest request, string directiveId, string label) =>
        HandleAsync<ProgressRequest>(durable, request, directiveId, label, (r, problems) =>
        {
            if (string.IsNullOrWhiteSpace(r.Note) && string.IsNullOrWhiteSpace(r.ReportNumber))
                problems.Add(new("note", "what has been done (or reportNumber: the number of the progress report)"));
            CheckReport(problems, r.ReportNumber, r.ReportDate, r.Note);
            return Event(ItemEventKind.ProgressReported, r.Actor, request, problems) with
            {
                Note = r.Note, ReportNumber = r.ReportNumber, ReportDate = r.ReportDate,
            };
        });

    public Task<IResult> ExtensionAsync(DurableTaskClient durable, HttpRequest request, string directiveId, string label) =>
        HandleAsync<ExtensionRequest>(durable, request, directiveId, label, (r, problems) =>
        {
            var kind = r.Action?.ToLowerInvariant() switch
            {
                "request" => ItemEventKind.ExtensionRequested,
                "grant" => ItemEventKind.ExtensionGranted,
                "refuse" => ItemEventKind.ExtensionRefused,
                _ => (ItemEventKind?)null,
            };
            if (kind is null) problems.Add(new("action", "one of request, grant, refuse"));
            if (kind is ItemEventKind.ExtensionRequested or ItemEventKind.ExtensionGranted && r.NewDueDate is null)
                problems.Add(new("newDueDate", "the new last day, YYYY-MM-DD"));
            if (string.IsNullOrWhiteSpace(r.Reason)) problems.Add(new("reason", "why the extension is asked, granted or refused"));
            RequestLimits.CheckDate(problems, "newDueDate", r.NewDueDate);
            if (kind == ItemEventKind.ExtensionGranted) rules.CheckPlannable(problems, "newDueDate", r.NewDueDate);
            RequestLimits.Check(problems, "reason", r.Reason, RequestLimits.Reason, multiline: true);
            return Event(kind ?? ItemEventKind.ExtensionRequested, r.Actor, request, problems) with { NewDueDate = r.NewDueDate, Reason = r.Reason };
        });

    public Task<IResult> WithdrawAsync(DurableTaskClient durable, HttpRequest request, string directiveId, string label) =>
        HandleAsync<WithdrawRequest>(durable, request, directiveId, label, (r, problems) =>
        {
            if (string.IsNullOrWhiteSpace(r.Reason)) problems.Add(new("reason", "why the item is withdrawn"));
            RequestLimits.Check(problems, "reason", r.Reason, RequestLimits.Reason, multiline: true);
            return Event(ItemEventKind.Withdrawn, r.Actor, request, problems) with { Reason = r.Reason };
        });

    public Task<IResult> TransferAsync(DurableTaskClient durable, HttpRequest request, string directiveId, string label) =>
        HandleAsync<TransferRequest>(durable, request, directiveId, label, (r, problems) =>
        {
            RequestLimits.Check(problems, "toAgency", r.ToAgency, RequestLimits.Agency);
            var toAgencyReadable = problems.Count == 0;
            var to = string.IsNullOrWhiteSpace(r.ToAgency) || !toAgencyReadable ? null : agencies.FindByCode(r.ToAgency) ?? agencies.Resolve(r.ToAgency);
            if (to is null && toAgencyReadable)
                problems.Add(new("toAgency", string.IsNullOrWhiteSpace(r.ToAgency)
                    ? "the agency that takes the item over (code or name)"
                    : $"a known agency; \"{r.ToAgency}\" is unknown (nearest: {string.Join(", ", agencies.Nearest(r.ToAgency))})"));
            if (string.IsNullOrWhiteSpace(r.Reason)) problems.Add(new("reason", "why the item is transferred"));
            RequestLimits.Check(problems, "reason", r.Reason, RequestLimits.Reason, multiline: true);
            return Event(ItemEventKind.Transferred, r.Actor, request, problems) with { ToAgency = to?.Code, Reason = r.Reason };
        });

    /// <summary>
    /// Raises an event on an item's orchestration: 404 when there is no such item; completing a
    /// completed item is a no-op that says so; any other event on an ended item is a 409 with its state.
    /// </summary>
    public async Task<IResult> SubmitAsync(DurableTaskClient durable, string directiveId, string label, ItemEvent itemEvent)
    {
        var instanceId = ItemInstanceId.For(directiveId, label);
        var instance = await durable.GetInstanceAsync(instanceId);
        if (instance is null) return ApiResults.NotFound($"No item '{label}' in directive '{directiveId}'.");
        if (instance.IsCompleted)
        {
            var status = instance.ReadCustomStatusAs<ItemStatus>();
            if (itemEvent.Kind == ItemEventKind.Completed && status?.State is ItemState.CompletedOnTime or ItemState.CompletedLate)
                return ApiResults.Json(new AlreadyCompletedResponse(instanceId, AlreadyCompleted: true, status.State,
                    "The item was already completed: nothing changed."));
            return ApiResults.Problem(StatusCodes.Status409Conflict, "The item has ended",
                $"Item '{label}' of '{directiveId}' has ended ({status?.State.ToString() ?? instance.RuntimeStatus.ToString()}); it takes no more events.",
                extensions: new Dictionary<string, object?> { ["runtimeStatus"] = instance.RuntimeStatus.ToString(), ["status"] = status });
        }
        await durable.RaiseEventAsync(instanceId, ItemEvent.Name, itemEvent);
        return ApiResults.Json(new EventAcceptedResponse(instanceId, itemEvent.EventId, itemEvent.Kind, Accepted: true),
            StatusCodes.Status202Accepted);
    }

    private async Task<IResult> HandleAsync<TRequest>(DurableTaskClient durable, HttpRequest request, string directiveId, string label,
        Func<TRequest, List<FieldError>, ItemEvent> build) where TRequest : class
    {
        if (ValidateAddress(directiveId, label) is { } invalid) return invalid;
        var (parsed, error) = await body.ReadAsync<TRequest>(request);
        if (error is not null) return error;
        var problems = new List<FieldError>();
        var itemEvent = build(parsed!, problems);
        return problems.Count > 0 ? ApiResults.BadRequest(problems) : await SubmitAsync(durable, directiveId, label, itemEvent);
    }

    /// <summary>An event in the actor's name (the body's actor, else the x-actor header, else "api"),
    /// with the caller the host authenticated beside it: the declared name alone could be anyone's.</summary>
    private ItemEvent Event(ItemEventKind kind, string? actor, HttpRequest request, List<FieldError> problems)
    {
        RequestLimits.Check(problems, "actor", actor, RequestLimits.Actor);
        var header = request.Headers["x-actor"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(actor)) RequestLimits.Check(problems, "x-actor", header, RequestLimits.Actor);
        return new()
        {
            EventId = Guid.NewGuid().ToString("N"),
            Kind = kind,
            Actor = !string.IsNullOrWhiteSpace(actor) ? actor : header is { Length: > 0 } ? header : "api",
            Caller = Admin.AdminCaller.Of(request.HttpContext).Identity,
            AtUtc = clock.GetUtcNow(),
        };
    }

    /// <summary>The limits of a report: number, date and note.</summary>
    internal static void CheckReport(List<FieldError> problems, string? reportNumber, DateOnly? reportDate, string? note)
    {
        RequestLimits.Check(problems, "reportNumber", reportNumber, RequestLimits.ReportNumber);
        RequestLimits.CheckDate(problems, "reportDate", reportDate);
        RequestLimits.Check(problems, "note", note, RequestLimits.Note, multiline: true);
    }

    internal static IResult? ValidateAddress(string directiveId, string label)
    {
        var problems = new List<FieldError>();
        if (!ItemInstanceId.IsValidDirectiveId(directiveId))
            problems.Add(new("directiveId", IdGrammar.DirectiveIdExpected));
        if (!ItemInstanceId.IsValidLabel(label))
            problems.Add(new("label", IdGrammar.LabelExpected));
        return problems.Count > 0 ? ApiResults.BadRequest(problems) : null;
    }
}
