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
    public string? Detail { get; set; }
}
