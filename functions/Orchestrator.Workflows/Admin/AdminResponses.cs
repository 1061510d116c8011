using System.Text.Json;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Workflows.Admin;

// The bodies the admin handlers answer with (WorkflowJson shape), named for the OpenAPI document.

/// <summary>GET api/admin/instances.</summary>
public sealed record InstanceListResponse(int Count, bool Truncated, string? Continuation, IReadOnlyList<InstanceSummary> Instances);

/// <summary>GET api/admin/instances/{instanceId}: input, custom status and output as stored (JSON).</summary>
public sealed record InstanceResponse(
    string InstanceId, string Name, string RuntimeStatus, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt,
    JsonElement? Input, JsonElement? CustomStatus, JsonElement? Output, string? FailureReason, InstanceFailure? Failure,
    ItemSummary? Item, IReadOnlyList<string> Actions, HistoryResponse History);

public sealed record InstanceFailure(string Type, string Message, string? StackTrace, InstanceFailure? Inner);

public sealed record HistoryResponse(bool Available, string? Note, IReadOnlyList<HistoryEntry> Events);

/// <summary>POST api/admin/instances/{instanceId}/{action} (202).</summary>
public sealed record InstanceActionResponse(string InstanceId, string Action, string StatusBefore, string Result, string? Detail, string AuditId);

/// <summary>GET api/admin/audit.</summary>
public sealed record AuditResponse(string Date, int Count, IReadOnlyList<AuditEntry> Entries);

public sealed record AuditEntry(
    string Id, DateTimeOffset AtUtc, string Who, string? OnBehalfOf, string Action, string InstanceId, string Reason, string Result,
    bool DryRun, string? BulkId, string? Detail);
