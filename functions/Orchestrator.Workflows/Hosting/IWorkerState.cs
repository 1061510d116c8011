namespace Orchestrator.Workflows.Hosting;

/// <summary>What a host can say about its durable worker, for the health endpoint.</summary>
public interface IWorkerState
{
    string TaskHubName { get; }

    /// <summary>"running", "stopped", or "managed by the Functions host".</summary>
    string Describe();

    bool IsHealthy { get; }
}
