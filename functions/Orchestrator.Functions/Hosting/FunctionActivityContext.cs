using Microsoft.DurableTask;

namespace Orchestrator.Functions.Hosting;

/// <summary>The activity context the shared activity classes expect, built from the trigger's binding data.</summary>
internal sealed class FunctionActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;
    public override string InstanceId { get; } = instanceId;
}
