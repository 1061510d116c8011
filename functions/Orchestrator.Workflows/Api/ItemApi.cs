using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Api;

/// <summary>Body of a request that starts one item directly (without a directive import).</summary>
public sealed record StartItemRequest(string Task, string LeadAgency, DateTimeOffset DueUtc);

/// <summary>Body of a completion: the agency's report that shows the work is done.</summary>
public sealed record CompleteItemRequest(
    string? ReportNumber = null, DateOnly? ReportDate = null, string? Note = null, string? Actor = null);

/// <summary>HTTP handlers for single items, shared by both hosts.</summary>
/// <remarks>
/// The Durable Task client is a parameter, not a dependency: the Functions app gets it from its
/// [DurableClient] binding per call, the local host from its runtime.
/// </remarks>
public sealed class ItemApi(ItemStore items, JsonBody body, TimeProvider clock)
{
    public async Task<IResult> StartAsync(DurableTaskClient durable, HttpRequest request, string directiveId, string label)
    {
        if (ValidateAddress(directiveId, label) is { } invalid) return invalid;
        var (start, error) = await body.ReadAsync<StartItemRequest>(request);
        if (error is not null) return error;

        var problems = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(start!.Task)) problems.Add(new("task", "the task text is required"));
        if (string.IsNullOrWhiteSpace(start.LeadAgency)) problems.Add(new("leadAgency", "the lead agency is required"));
        if (start.DueUtc == default) problems.Add(new("dueUtc", "an ISO 8601 instant is required"));
        if (problems.Count > 0) return ApiResults.BadRequest(problems);

        var instanceId = ItemInstanceId.For(directiveId, label);
        if (await durable.GetInstanceAsync(instanceId) is not null)
            return ApiResults.Json(new { instanceId, started = false, message = "This item is already tracked." });

        var input = new ItemWorkflowInput
        {
            DirectiveId = directiveId,
            Label = label,
            Task = start.Task,
            LeadAgency = start.LeadAgency,
            DueUtc = start.DueUtc,
            Steps = [new PlannedStep("escalation-1", StepKind.Escalation, 1, start.DueUtc)],
        };
        await durable.ScheduleNewOrchestrationInstanceAsync(ItemOrchestrator.Name, input,
            new Microsoft.DurableTask.StartOrchestrationOptions(instanceId));
        return ApiResults.Json(new { instanceId, started = true }, StatusCodes.Status201Created);
    }

    public async Task<IResult> GetAsync(DurableTaskClient durable, string directiveId, string label)
    {
        if (ValidateAddress(directiveId, label) is { } invalid) return invalid;
        var instanceId = ItemInstanceId.For(directiveId, label);
        var item = await items.GetAsync(directiveId, label);
        var instance = await durable.GetInstanceAsync(instanceId);
        if (item is null && instance is null) return ApiResults.NotFound($"No item '{label}' in directive '{directiveId}'.");

        var timeline = await items.GetTimelineAsync(instanceId);
        return ApiResults.Json(new
        {
            directiveId,
            label,
            instanceId,
            runtimeStatus = instance?.RuntimeStatus.ToString(),
            status = instance?.ReadCustomStatusAs<ItemStatus>(),
            item = item is null ? null : new
            {
                item.Task, item.LeadAgency, item.DueUtc, item.State, item.Level, item.LastStep, item.EndedUtc,
            },
            timeline = timeline.Select(t => new { t.AtUtc, t.Kind, t.Actor, t.Detail }),
        });
    }

    public async Task<IResult> CompleteAsync(DurableTaskClient durable, HttpRequest request, string directiveId, string label)
    {
        if (ValidateAddress(directiveId, label) is { } invalid) return invalid;
        var (completion, error) = await body.ReadAsync<CompleteItemRequest>(request);
        if (error is not null) return error;

        var instanceId = ItemInstanceId.For(directiveId, label);
        var instance = await durable.GetInstanceAsync(instanceId);
        if (instance is null) return ApiResults.NotFound($"No item '{label}' in directive '{directiveId}'.");
        if (instance.IsCompleted)
            return ApiResults.Problem(StatusCodes.Status409Conflict, "The item has ended",
                $"Item '{label}' is {instance.RuntimeStatus}; it takes no more events.",
                extensions: new Dictionary<string, object?> { ["status"] = instance.ReadCustomStatusAs<ItemStatus>() });

        var itemEvent = new ItemEvent
        {
            EventId = Guid.NewGuid().ToString("N"),
            Kind = ItemEventKind.Completed,
            Actor = string.IsNullOrWhiteSpace(completion!.Actor) ? "api" : completion.Actor,
            AtUtc = clock.GetUtcNow(),
            ReportNumber = completion.ReportNumber,
            ReportDate = completion.ReportDate,
            Note = completion.Note,
        };
        await durable.RaiseEventAsync(instanceId, ItemEvent.Name, itemEvent);
        return ApiResults.Json(new { instanceId, eventId = itemEvent.EventId, accepted = true }, StatusCodes.Status202Accepted);
    }

    private static IResult? ValidateAddress(string directiveId, string label)
    {
        var problems = new List<FieldError>();
        if (!ItemInstanceId.IsValidDirectiveId(directiveId))
            problems.Add(new("directiveId", "letters, digits and dashes, such as 2023-6411-VPCP-KTTH"));
        if (!ItemInstanceId.IsValidLabel(label))
            problems.Add(new("label", "letters, digits, dots, dashes and underscores, such as 2.a.3"));
        return problems.Count > 0 ? ApiResults.BadRequest(problems) : null;
    }
}
