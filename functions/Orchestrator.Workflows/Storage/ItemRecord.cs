using Azure;
using Azure.Data.Tables;

namespace Orchestrator.Workflows.Storage;

/// <summary>
/// One tracked item in the read model: partition = directive id, row = item label. This is what
/// answers "what is due or overdue at this agency", which Durable Task queries cannot (they do not
/// filter on custom status).
/// </summary>
public sealed class ItemRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string InstanceId { get; set; } = "";
    public string Task { get; set; } = "";
    /// <summary>The deadline kind: Date, Urgent, None, Standing.</summary>
    public string DeadlineKind { get; set; } = "";
    public bool Urgent { get; set; }
    /// <summary>The lead agency as the directive names it (history keeps the name as written).</summary>
    public string LeadAsWritten { get; set; } = "";
    public string LeadCode { get; set; } = "";
    /// <summary>The agency that owes the item today (successor routing, or a transfer).</summary>
    public string AgencyInCharge { get; set; } = "";
    public string AgencyInChargeName { get; set; } = "";
    /// <summary>YYYY-MM-DD, or null for an item with no deadline.</summary>
    public string? DueDate { get; set; }
    public DateTimeOffset? DueUtc { get; set; }
    public string State { get; set; } = "";
    public int Level { get; set; }
    public string? LastStep { get; set; }
    public DateTimeOffset? EndedUtc { get; set; }
}
