using System.Text.Json.Serialization;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Directives;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Notices;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Api;

// The bodies the handlers answer with (written in the WorkflowJson shape: camelCase, nulls left out).
// Named types rather than anonymous objects so the OpenAPI document can describe them.

/// <summary>GET /health.</summary>
public sealed record HealthResponse(string Status);

/// <summary>GET api/admin/health.</summary>
public sealed record DetailedHealthResponse(string Status, string Storage, string TaskHub, string Worker, InstanceCounts Instances);

/// <summary>Instances by runtime status; the scan stops at the cap and says so in <c>note</c>.</summary>
public sealed record InstanceCounts(IReadOnlyDictionary<string, int> Counts, int Scanned, bool Capped, string? Note, string? Error);

/// <summary>POST api/directives: 201 when imported now, 200 when it already was (with a message).
/// <c>warnings</c>: what it was imported despite (an unknown coordinating agency), by field.</summary>
public sealed record ImportResponse(string? DirectiveId, bool AlreadyImported, IReadOnlyList<ImportedItem> Items, string? Message = null,
    IReadOnlyList<FieldError>? Warnings = null);

/// <summary>GET api/directives/{directiveId}: the directive with one page of its items.</summary>
public sealed record DirectiveResponse(
    string DirectiveId, string DocumentNumber, DateOnly? IssueDate, string? Subject, DateTimeOffset ImportedUtc, int ShiftDays,
    double? SecondsPerDay, EscalationPolicy? EscalationPolicy, bool EscalationPolicyFromRequest,
    IReadOnlyList<StandingRequirement> Standing, IReadOnlyList<ItemView> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ContinuationToken);

/// <summary>A standing requirement of a directive: recorded, not tracked.</summary>
public sealed record StandingRequirement(string? Label, string? Text);

/// <summary>GET api/items: one page; <c>count</c> is the number of items in this page.</summary>
public sealed record ItemListResponse(int Count, IReadOnlyList<ItemView> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ContinuationToken);

/// <summary>GET api/summary.</summary>
public sealed record SummaryResponse(IReadOnlyList<string> Categories, IReadOnlyList<AgencySummary> Agencies, SummaryTotals Totals);

public sealed record SummaryTotals(int CompletedOnTime, int CompletedLate, int InProgressWithinDeadline, int Overdue);

/// <summary>GET api/outbox: one page; <c>count</c> is the number of notices in this page.</summary>
public sealed record OutboxResponse(int Count, IReadOnlyList<OutboxNotice> Notices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ContinuationToken);

/// <summary>GET api/items/{directiveId}/{label}. <c>parts</c>: a deliverable's parts as the read model
/// has them (each with its category); null for an item without parts.</summary>
public sealed record ItemResponse(
    string DirectiveId, string Label, string InstanceId, string? RuntimeStatus, ItemStatus? Status, ItemView? Item,
    IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<ItemView>? Parts = null);

/// <param name="Actor">Who the caller said acted.</param>
/// <param name="Caller">Who the host authenticated for it (a key's identity, a signed-in name, "action link"); null for the system's entries and older rows.</param>
public sealed record TimelineEntry(DateTimeOffset AtUtc, string Kind, string Actor, string? Detail, string? Caller = null);

/// <summary>An item event was handed to the item's orchestration (202).</summary>
public sealed record EventAcceptedResponse(string InstanceId, string EventId, ItemEventKind Kind, bool Accepted);

/// <summary>Completing an item that is already completed changes nothing (200).</summary>
public sealed record AlreadyCompletedResponse(string InstanceId, bool AlreadyCompleted, Items.ItemState State, string Message);

/// <summary>
/// The form an email's action link posts (application/x-www-form-urlencoded); which fields apply
/// depends on the link's action (complete, progress, extension).
/// </summary>
public sealed record ActionLinkForm(string? ReportNumber = null, DateOnly? ReportDate = null, string? Note = null, DateOnly? NewDueDate = null,
    string? Reason = null);
