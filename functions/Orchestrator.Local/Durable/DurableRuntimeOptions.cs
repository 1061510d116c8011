using System.ComponentModel.DataAnnotations;

namespace Orchestrator.Local.Durable;

/// <summary>
/// The local durable runtime's settings. The task hub name is the same setting the Functions app
/// reads (<c>TaskHubName</c>), so both hosts can share one task hub.
/// </summary>
public sealed class DurableRuntimeOptions
{
    public const string Section = "DurableTask";

    public string HubName { get; set; } = "OrchestratorHub";

    /// <summary>Control-queue partitions (1–16). Fixed once a task hub exists.</summary>
    [Range(1, 16), Display(Name = "DurableTask__PartitionCount")]
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// The longest wait between two polls of an idle queue. The framework's default (30 s) lets
    /// timers fire up to ~10 s late; 1–2 s keeps them within ~1 s for ~3% of a core.
    /// </summary>
    [Range(0d, 60d, MinimumIsExclusive = true), Display(Name = "DurableTask__PollingIntervalSeconds")] // double bounds: int ones round the value first
    public double PollingIntervalSeconds { get; set; } = 2;

    /// <summary>
    /// How long a message that a host took from a queue stays hidden from other hosts. A host that
    /// dies holding one (kill -9 in the middle of a step) delays that item by this much after the
    /// restart. The framework's default, 5 minutes, is kept; a shorter one must still exceed the
    /// longest step (an activity, or one orchestration episode).
    /// </summary>
    [Range(10, 3600), Display(Name = "DurableTask__MessageVisibilitySeconds")]
    public int MessageVisibilitySeconds { get; set; } = 300;
}
