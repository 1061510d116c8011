using Microsoft.DurableTask.Client;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Workflows.Admin;

/// <summary>
/// The nightly clean-up: purges the history of items that ended (completed or terminated) more
/// than <c>Operations:PurgeEndedAfterDays</c> days ago, so the task hub does not grow without
/// bound. Failed instances are kept: they are what operators replay. The read model keeps the
/// item and its timeline. 0 turns it off. Written to the audit table like any operator action.
/// </summary>
public sealed class RetentionPurge(AuditStore audit, OperationsSettings settings, TimeProvider clock)
{
    public const string Operator = "retention (timer)";
    private const int PageSize = 500;

    private static readonly OrchestrationRuntimeStatus[] Purged =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Terminated];

    public int Days => settings.PurgeEndedAfterDays;

    public async Task<int> RunAsync(DurableTaskClient durable, CancellationToken cancellationToken = default)
    {
        if (Days <= 0) return 0;
        var cutOff = clock.GetUtcNow().AddDays(-Days);
        // The SDK's purge filter selects by creation time only; what counts is when an item ended,
        // which for an ended instance is its last update. So: find the ended instances created
        // before the cut-off (one that ended before it was necessarily created before it), keep
        // those last updated before it, and purge them one by one.
        var query = new OrchestrationQuery { Statuses = Purged, CreatedTo = cutOff, PageSize = PageSize };
        var purged = 0;
        await foreach (var instance in durable.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.LastUpdatedAt >= cutOff || !Purged.Contains(instance.RuntimeStatus)) continue;
            var result = await durable.PurgeInstanceAsync(instance.InstanceId, cancellation: cancellationToken);
            purged += result.PurgedInstanceCount;
        }
        await audit.WriteAsync(new AdminCaller(Operator), "purge", "*",
            $"completed or terminated instances that ended before {cutOff:O} (Operations__PurgeEndedAfterDays={Days})",
            $"{purged} purged");
        return purged;
    }
}
