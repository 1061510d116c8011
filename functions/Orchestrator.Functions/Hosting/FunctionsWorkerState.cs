using Microsoft.Extensions.Configuration;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Functions.Hosting;

/// <summary>In Azure the Functions host runs the durable worker; this app only reports its task hub.</summary>
internal sealed class FunctionsWorkerState(IConfiguration configuration) : IWorkerState
{
    public string TaskHubName => configuration["TaskHubName"] ?? "OrchestratorHub";
    public bool IsHealthy => true;
    public string Describe() => "managed by the Functions host";
}
