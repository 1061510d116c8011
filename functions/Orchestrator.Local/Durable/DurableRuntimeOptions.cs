namespace Orchestrator.Local.Durable;

/// <summary>
/// The local durable runtime's settings. The task hub name is the same setting the Functions app
/// reads (<c>TaskHubName</c>), so both hosts can share one task hub.
/// </summary>
public sealed class DurableRuntimeOptions
{
    public string HubName { get; set; } = "OrchestratorHub";

    /// <summary>Control-queue partitions (1–16). Fixed once a task hub exists.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// The longest wait between two polls of an idle queue. The framework's default (30 s) lets
    /// timers fire up to ~10 s late; 1–2 s keeps them within ~1 s for ~3% of a core.
    /// </summary>
    public double PollingIntervalSeconds { get; set; } = 2;
}
