using System.ComponentModel.DataAnnotations;

namespace Orchestrator.Workflows.Admin;

/// <summary>Settings under <c>Admin</c>.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Bulk actions touch at most this many instances a second (shared by all bulk runs of the process).</summary>
    [Range(0d, 10000d, MinimumIsExclusive = true), Display(Name = "Admin__BulkMaxPerSecond")] // double bounds: int ones round the value first
    public double BulkMaxPerSecond { get; set; } = 20;

    /// <summary>Instances acted on in parallel within the rate.</summary>
    [Range(1, 64), Display(Name = "Admin__BulkParallelism")]
    public int BulkParallelism { get; set; } = 4;

    /// <summary>The most instances one bulk request may select.</summary>
    [Range(1, 1_000_000), Display(Name = "Admin__BulkMaxInstances")]
    public int BulkMaxInstances { get; set; } = 5000;

    /// <summary>The health endpoint counts at most this many instances, and says so when it stops.</summary>
    [Range(1, 10_000_000), Display(Name = "Admin__HealthScanCap")]
    public int HealthScanCap { get; set; } = 10000;
}
