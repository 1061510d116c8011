using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;

namespace Orchestrator.Workflows.Admin;

/// <summary>
/// The nightly clean-up: purges the history of items that ended (completed or terminated) more
/// than <c>Operations:PurgeEndedAfterDays</c> days ago, so the task hub does not grow without
/// bound. Failed instances are kept: they are what operators replay. The read model keeps the
/// item and its timeline. 0 turns it off. Written to the audit table like any operator action.
/// </summary>
public sealed class RetentionPurge(AuditStore audit, IConfiguration configuration, TimeProvider clock)
{
    public const string Operator = "retention (timer)";

    public int Days => configuration.GetValue("Operations:PurgeEndedAfterDays", 0);

    public async Task<int> RunAsync(DurableTaskClient durable, CancellationToken cancellationToken = default)
    {
        if (Days <= 0) return 0;
        var cutOff = clock.GetUtcNow().AddDays(-Days);
        var result = await durable.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(CreatedFrom: null, CreatedTo: cutOff,
                Statuses: [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Terminated]),
            cancellation: cancellationToken);
        await audit.WriteAsync(new AdminCaller(Operator), "purge", "*", $"ended instances created before {cutOff:O} (Operations__PurgeEndedAfterDays={Days})",
            $"{result.PurgedInstanceCount} purged");
        return result.PurgedInstanceCount;
    }
}
