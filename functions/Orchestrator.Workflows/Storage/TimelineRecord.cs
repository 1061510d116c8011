using Azure;
using Azure.Data.Tables;

namespace Orchestrator.Workflows.Storage;

/// <summary>
/// One entry of an item's timeline: partition = the item's instance id, row = a key that is the
/// same every time the same thing is recorded (a step id, or the caller's event id), so an
/// activity that runs twice writes one row.
/// </summary>
public sealed class TimelineRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset AtUtc { get; set; }
    public string Kind { get; set; } = "";
    public string Actor { get; set; } = "";
    /// <summary>Who the host authenticated for the event (<see cref="Items.ItemEvent.Caller"/>), beside the
    /// declared <see cref="Actor"/>; null in the system's rows and in rows written before it was recorded.</summary>
    public string? Caller { get; set; }
    public string? Detail { get; set; }

    /// <summary>On an extension granted: the due date before it ("yyyy-MM-dd") and its end instant;
    /// on a transfer: the agency in charge before it. Reports taken at an earlier instant read the
    /// item as it was then from these (<see cref="Reports.ReportBuilder"/>). Null in rows written
    /// before they were recorded.</summary>
    public string? PreviousDueDate { get; set; }
    public DateTimeOffset? PreviousDueUtc { get; set; }
    public string? PreviousAgency { get; set; }
    public string? PreviousAgencyName { get; set; }
}
