namespace Orchestrator.Workflows.Admin;

/// <summary>Settings under <c>Admin</c>.</summary>
public sealed class AdminOptions
{
    /// <summary>Bulk actions touch at most this many instances a second (shared by all bulk runs of the process).</summary>
    public double BulkMaxPerSecond { get; set; } = 20;

    /// <summary>Instances acted on in parallel within the rate.</summary>
    public int BulkParallelism { get; set; } = 4;

    /// <summary>The most instances one bulk request may select.</summary>
    public int BulkMaxInstances { get; set; } = 5000;

    /// <summary>The health endpoint counts at most this many instances, and says so when it stops.</summary>
    public int HealthScanCap { get; set; } = 10000;
}
