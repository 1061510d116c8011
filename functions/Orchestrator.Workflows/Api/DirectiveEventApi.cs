using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Directives;
using Orchestrator.Workflows.Directives;
using Orchestrator.Workflows.Items;

namespace Orchestrator.Workflows.Api;

/// <summary>POST api/directives/{directiveId}/events: an event items wait for ("trình Thủ tướng
/// Chính phủ") happened; <paramref name="Date"/> is its day (default: today).</summary>
public sealed record RecordEventRequest(string? Event = null, DateOnly? Date = null, string? Note = null, string? Actor = null);

/// <summary>The event was handed to every open item of the directive that waits for it (202);
/// <c>ended</c> lists those that had ended already.</summary>
public sealed record EventRecordedResponse(string DirectiveId, string Event, string EventId, IReadOnlyList<string> Items, IReadOnlyList<string> Ended);

/// <summary>
/// Records an event that items' dates wait for (dueAfter.event): each open item of the directive
/// that names it gets a <see cref="ItemEventKind.DateRecorded"/> event and, from it, its due date
/// and a plan. The event is named as the directive names it (compared as text, case and spacing aside).
/// </summary>
public sealed class DirectiveEventApi(DirectiveStore directives, JsonBody body, ItemEventRules rules, TimeProvider clock)
{
    public async Task<IResult> RecordAsync(DurableTaskClient durable, HttpRequest request, string directiveId)
    {
        if (!ItemInstanceId.IsValidDirectiveId(directiveId)) return ApiResults.BadRequest([new("directiveId", IdGrammar.DirectiveIdExpected)]);
        var (r, error) = await body.ReadAsync<RecordEventRequest>(request);
        if (error is not null) return error;
        var problems = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(r!.Event)) problems.Add(new("event", "the name of the event, as the directive's dueAfter.event names it"));
        RequestLimits.Check(problems, "event", r.Event, DirectiveLimits.Name);
        RequestLimits.CheckDate(problems, "date", r.Date);
        RequestLimits.Check(problems, "note", r.Note, RequestLimits.Note, multiline: true);
        RequestLimits.Check(problems, "actor", r.Actor, RequestLimits.Actor);
        if (problems.Count > 0) return ApiResults.BadRequest(problems);

        var record = await directives.GetAsync(directiveId);
        if (record is null) return ApiResults.NotFound($"No directive '{directiveId}' has been imported.");
        var plan = directives.PlanOf(record);
        var name = TextNormalizer.Normalize(r.Event);
        var waiting = plan.Items.Where(i => i.DueAfter?.Event is { } e && TextNormalizer.Normalize(e) == name).ToList();
        if (waiting.Count == 0)
        {
            var awaited = plan.Items.Select(i => i.DueAfter?.Event).OfType<string>().Distinct().Select(e => $"\"{e}\"").ToList();
            return ApiResults.BadRequest([new("event", awaited.Count == 0
                ? "an event an item waits for; no item of this directive waits for an event"
                : $"an event an item of this directive waits for: {string.Join(", ", awaited)}")]);
        }
        if (r.Date is { } day)
            foreach (var offset in waiting.Select(i => i.DueAfter!.OffsetDays ?? 0).Distinct())
                rules.CheckPlannable(problems, "date", day.AddDays(offset));
        if (problems.Count > 0) return ApiResults.BadRequest(problems.Distinct().ToList());

        var header = request.Headers["x-actor"].FirstOrDefault();
        var itemEvent = new ItemEvent
        {
            EventId = Guid.NewGuid().ToString("N"),
            Kind = ItemEventKind.DateRecorded,
            Actor = !string.IsNullOrWhiteSpace(r.Actor) ? r.Actor : header is { Length: > 0 and <= RequestLimits.Actor } ? header : "api",
            Caller = Admin.AdminCaller.Of(request.HttpContext).Identity,
            AtUtc = clock.GetUtcNow(),
            EventName = r.Event,
            EventDate = r.Date,
            Note = r.Note,
        };
        List<string> raised = [], ended = [];
        foreach (var item in waiting)
        {
            var instanceId = ItemInstanceId.For(directiveId, item.Label);
            var instance = await durable.GetInstanceAsync(instanceId);
            if (instance is null || instance.IsCompleted) { ended.Add(item.Label); continue; }
            await durable.RaiseEventAsync(instanceId, ItemEvent.Name, itemEvent);
            raised.Add(item.Label);
        }
        return ApiResults.Json(new EventRecordedResponse(directiveId, r.Event!, itemEvent.EventId, raised, ended), StatusCodes.Status202Accepted);
    }
}
