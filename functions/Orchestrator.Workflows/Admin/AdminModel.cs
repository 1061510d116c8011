using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Orchestrator.Workflows.Admin;

/// <summary>
/// Who acted, for the audit table: the identity the host authenticated (the key, or the signed-in
/// principal), and optionally whom the caller says it acts for (the <c>x-operator</c> header: a
/// note, never the identity, because any caller can send it).
/// </summary>
public sealed record AdminCaller(string Identity, string? OnBehalfOf = null)
{
    public const int MaxLength = 200;

    /// <summary>The authenticated identity of the request (set by the host's key or sign-in check), plus the caller's note.</summary>
    public static AdminCaller Of(HttpContext context)
    {
        var identity = context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "unknown";
        var note = context.Request.Headers["x-operator"].ToString().Trim();
        return new(Cap(identity), note.Length == 0 ? null : Cap(note));
    }

    private static string Cap(string text) => text.Length <= MaxLength ? text : text[..MaxLength];
}

/// <summary>What an operator can do to one instance.</summary>
public enum AdminAction { Rewind, Restart, Terminate, Suspend, Resume, Raise, Purge }

/// <summary>Body of a single-instance action. <c>reason</c> is required, in the body (a query reason is not read: see ApiRequestRules).</summary>
public sealed record AdminActionRequest(string? Reason = null, string? EventName = null, JsonElement? EventData = null);

/// <summary>
/// Body of a bulk action: which instances (a filter, or explicit ids) and why. Absent fields do
/// not filter. <c>olderThanDays</c> sets <c>createdTo</c> to now minus that many days.
/// </summary>
public sealed record BulkFilter(
    string? Reason = null,
    string? Status = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    int? OlderThanDays = null,
    string? InstanceIdPrefix = null,
    IReadOnlyList<string>? InstanceIds = null,
    int? Limit = null);

/// <summary>The read-model side of an instance that is an item.</summary>
public sealed record ItemSummary(string DirectiveId, string Label, string? Task, string? Agency, DateTimeOffset? DueUtc,
    string? State, int? Level);

/// <summary>An instance row of a listing: durable status joined with the read model.</summary>
public sealed record InstanceSummary(
    string InstanceId, string Name, string RuntimeStatus, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt,
    string? FailureType, string? FailureMessage, ItemSummary? Item);

/// <summary>One instance's outcome in a bulk run.</summary>
public sealed record BulkItemResult(string InstanceId, string StatusBefore, string Result, string? Detail = null);

/// <summary>What a bulk run did (or would do, on a dry run).</summary>
public sealed record BulkReport(
    string BulkId, string Action, bool DryRun, string Reason, int Matched, int Touched, int Skipped, int Failed,
    bool Truncated, double DurationSeconds, IReadOnlyList<BulkItemResult> Results);

public static class AdminRules
{
    public static readonly OrchestrationRuntimeStatus[] Ended =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    public static readonly OrchestrationRuntimeStatus[] Alive =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    /// <summary>The statuses an action may be applied to.</summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus> Applicable(AdminAction action) => action switch
    {
        AdminAction.Rewind => [OrchestrationRuntimeStatus.Failed],
        AdminAction.Restart => Ended,
        AdminAction.Terminate => Alive,
        AdminAction.Suspend => [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running],
        AdminAction.Resume => [OrchestrationRuntimeStatus.Suspended],
        AdminAction.Raise => Alive,
        AdminAction.Purge => Ended,
        _ => [],
    };

    /// <summary>What a bulk run selects when the filter gives no status: restart re-runs failures only.</summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus> BulkDefault(AdminAction action) => action switch
    {
        AdminAction.Restart => [OrchestrationRuntimeStatus.Failed],
        _ => Applicable(action),
    };

    /// <summary>Why an instance in this status is left alone, or null when the action applies.</summary>
    public static string? WhySkipped(AdminAction action, OrchestrationRuntimeStatus status, IReadOnlyCollection<OrchestrationRuntimeStatus>? allowed = null)
    {
        if ((allowed ?? Applicable(action)).Contains(status) && Applicable(action).Contains(status)) return null;
        return status switch
        {
            OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending => $"skipped (already running: {status})",
            _ => $"skipped ({status}: {Verb(action)} applies to {string.Join("/", (allowed ?? Applicable(action)))})",
        };
    }

    public static string Verb(AdminAction action) => action.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out AdminAction action) =>
        Enum.TryParse(text, ignoreCase: true, out action) && Enum.IsDefined(action) && !int.TryParse(text, out _);

    /// <summary>Parses "Failed" or "failed,terminated"; null when absent.</summary>
    public static bool TryParseStatuses(string? text, out List<OrchestrationRuntimeStatus>? statuses)
    {
        statuses = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        statuses = [];
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(part, ignoreCase: true, out var s) || int.TryParse(part, out _)
                || !Enum.IsDefined(s))
                return false;
            statuses.Add(s);
        }
        return statuses.Count > 0;
    }

    public const string StatusNames = "Running, Completed, Failed, Terminated, Pending, Suspended (comma-separated for several)";
}
