using Microsoft.DurableTask.Client;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Local.Durable;

/// <summary>
/// History on the local host: read straight from the task hub's History table through the Azure
/// Storage provider (the latest execution), turned into a readable timeline.
/// </summary>
public sealed class LocalInstanceHistory(DurableRuntime runtime) : IInstanceHistory
{
    public async Task<InstanceHistory> GetAsync(DurableTaskClient durable, string instanceId, CancellationToken cancellation = default)
    {
        var json = await runtime.Service.GetOrchestrationHistoryAsync(instanceId, null);
        return new InstanceHistory(true, HistoryTimeline.FromJson(json));
    }
}
