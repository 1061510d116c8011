using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask.Client;

namespace Orchestrator.Workflows.Admin;

/// <summary>The outcome of one action on one instance.</summary>
public sealed record ActionOutcome(string Result, string? Detail = null, bool Unsupported = false);

/// <summary>
/// Runs one action over the instances a filter selects, at a bounded rate, with a result per
/// instance and a summary, all audited. Safe to run again after an interruption: every instance's
/// status is read again just before acting, and one that no longer qualifies (a failure already
/// rewound and running) is reported as skipped, never acted on twice.
/// </summary>
public sealed class BulkRunner(AuditStore audit, Pacer pacer, AdminOptions options, TimeProvider clock)
{
    public async Task<BulkReport> RunAsync(DurableTaskClient durable, AdminAction action, BulkFilter filter,
        IReadOnlyList<OrchestrationRuntimeStatus>? statuses, bool dryRun, AdminCaller who, CancellationToken cancellation = default)
    {
        var watch = Stopwatch.StartNew();
        var bulkId = clock.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var verb = AdminRules.Verb(action);
        var reason = filter.Reason!.Trim();
        var allowed = statuses is { Count: > 0 } ? statuses : AdminRules.BulkDefault(action);
        var limit = filter.Limit ?? options.BulkMaxInstances;
        var (candidates, truncated) = await SelectAsync(durable, filter, allowed, limit, cancellation);

        var results = new BulkItemResult[candidates.Count];
        if (dryRun)
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                var (id, status) = candidates[i];
                results[i] = status is null ? new(id, "NotFound", "skipped (not found)")
                    : AdminRules.WhySkipped(action, status.Value, allowed) is { } why ? new(id, status.ToString()!, why)
                    : new(id, status.ToString()!, "would " + verb);
            }
        }
        else
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, candidates.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.BulkParallelism), CancellationToken = cancellation },
                async (i, ct) =>
                {
                    var id = candidates[i].InstanceId;
                    await pacer.WaitTurnAsync(ct);
                    // Read again: another run (or the interrupted one) may have acted since the selection.
                    var current = await durable.GetInstanceAsync(id, ct);
                    BulkItemResult result;
                    if (current is null) result = new(id, "NotFound", "skipped (not found)");
                    else if (AdminRules.WhySkipped(action, current.RuntimeStatus, allowed) is { } why)
                        result = new(id, current.RuntimeStatus.ToString(), why);
                    else
                    {
                        var outcome = await ApplyAsync(durable, action, id, reason, null, null, ct);
                        result = new(id, current.RuntimeStatus.ToString(), outcome.Result == "ok" ? Done(action) : outcome.Result, outcome.Detail);
                        await audit.WriteAsync(who, verb, id, reason, outcome.Result, bulkId: bulkId, detail: outcome.Detail);
                    }
                    results[i] = result;
                });
        }

        var touched = results.Count(r => !r.Result.StartsWith("skipped", StringComparison.Ordinal) && !r.Result.StartsWith("failed", StringComparison.Ordinal));
        var skipped = results.Count(r => r.Result.StartsWith("skipped", StringComparison.Ordinal));
        var failed = results.Count(r => r.Result.StartsWith("failed", StringComparison.Ordinal));
        var summary = dryRun
            ? $"dry run: {touched} would be touched, {skipped} skipped, of {candidates.Count} matched"
            : $"{touched} touched, {skipped} skipped, {failed} failed, of {candidates.Count} matched";
        await audit.WriteAsync(who, "bulk-" + verb, "", reason, summary, dryRun, bulkId,
            detail: JsonSerializer.Serialize(new { filter.Status, filter.CreatedFrom, filter.CreatedTo, filter.OlderThanDays,
                filter.InstanceIdPrefix, ids = filter.InstanceIds?.Count, filter.Limit, truncated }));
        return new BulkReport(bulkId, verb, dryRun, reason, candidates.Count, touched, skipped, failed, truncated,
            Math.Round(watch.Elapsed.TotalSeconds, 3), results);
    }

    /// <summary>Explicit ids (with their current status), or the instances the query finds, up to the limit.</summary>
    private async Task<(List<(string InstanceId, OrchestrationRuntimeStatus? Status)>, bool Truncated)> SelectAsync(
        DurableTaskClient durable, BulkFilter filter, IReadOnlyList<OrchestrationRuntimeStatus> statuses, int limit,
        CancellationToken cancellation)
    {
        var selected = new List<(string, OrchestrationRuntimeStatus?)>();
        if (filter.InstanceIds is { Count: > 0 } ids)
        {
            foreach (var id in ids.Distinct(StringComparer.Ordinal).Take(limit))
                selected.Add((id, (await durable.GetInstanceAsync(id, cancellation))?.RuntimeStatus));
            return (selected, ids.Distinct(StringComparer.Ordinal).Count() > limit);
        }

        var createdTo = filter.OlderThanDays is { } days ? clock.GetUtcNow().AddDays(-days) : filter.CreatedTo;
        var query = new OrchestrationQuery
        {
            Statuses = statuses,
            CreatedFrom = filter.CreatedFrom,
            CreatedTo = createdTo,
            InstanceIdPrefix = string.IsNullOrWhiteSpace(filter.InstanceIdPrefix) ? null : filter.InstanceIdPrefix,
            PageSize = Math.Min(500, limit + 1),
        };
        await foreach (var instance in durable.GetAllInstancesAsync(query).WithCancellation(cancellation))
        {
            if (selected.Count == limit) return (selected, true);
            selected.Add((instance.InstanceId, instance.RuntimeStatus));
        }
        return (selected, false);
    }

    /// <summary>Applies one action. Errors become a result ("failed: …"), so one bad instance does not stop a bulk run.</summary>
    public static async Task<ActionOutcome> ApplyAsync(DurableTaskClient durable, AdminAction action, string instanceId, string reason,
        string? eventName, JsonElement? eventData, CancellationToken cancellation = default)
    {
        try
        {
            switch (action)
            {
                case AdminAction.Rewind:
                    await durable.RewindInstanceAsync(instanceId, reason, cancellation);
                    return new("ok", "rewind requested: the failed steps run again");
                case AdminAction.Restart:
                    var newId = await durable.RestartAsync(instanceId, restartWithNewInstanceId: false, cancellation);
                    return new("ok", $"restarted as a new execution of '{newId}' with the same input");
                case AdminAction.Terminate:
                    await durable.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(Output: "terminated by an operator: " + reason), cancellation);
                    return new("ok");
                case AdminAction.Suspend:
                    await durable.SuspendInstanceAsync(instanceId, reason, cancellation);
                    return new("ok");
                case AdminAction.Resume:
                    await durable.ResumeInstanceAsync(instanceId, reason, cancellation);
                    return new("ok");
                case AdminAction.Raise:
                    await durable.RaiseEventAsync(instanceId, eventName!, eventData, cancellation);
                    return new("ok", $"event '{eventName}' raised");
                case AdminAction.Purge:
                    var purged = await durable.PurgeInstanceAsync(instanceId, cancellation: cancellation);
                    return purged.PurgedInstanceCount > 0 ? new("ok", "history and state deleted") : new("skipped (already purged)");
                default:
                    return new("failed: unknown action");
            }
        }
        catch (Exception e) when (action == AdminAction.Rewind && IsUnsupported(e))
        {
            return new("failed: rewind not supported", "Rewind is not available on this backend or SDK (it is a preview in " +
                "the .NET isolated SDK and is known to fail around retried activities). Use restart: it runs the " +
                "orchestration again from the start with the same input; notices already sent are not sent again " +
                $"(the outbox key). Backend said: {e.Message.Split('\n')[0]}", Unsupported: true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new("failed: " + e.GetType().Name, e.Message.Split('\n')[0]);
        }
    }

    public static string Done(AdminAction action) => action switch
    {
        AdminAction.Rewind => "rewound",
        AdminAction.Raise => "raised",
        _ => AdminRules.Verb(action).TrimEnd('e') + "ed",
    };

    private static bool IsUnsupported(Exception e) =>
        e is NotSupportedException or NotImplementedException
        || (e.GetType().Name == "RpcException" && e.Message.Contains("Unimplemented", StringComparison.OrdinalIgnoreCase));
}
