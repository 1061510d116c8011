using Azure;
using Azure.Data.Tables;

namespace Orchestrator.Workflows.Storage;

/// <summary>
/// One tracked item in the read model: partition = directive id, row = item label. This is what
/// answers "what is due or overdue", which Durable Task queries cannot (they do not filter on
/// custom status).
/// </summary>
public sealed class ItemRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string InstanceId { get; set; } = "";
    public string Task { get; set; } = "";
    public string LeadAgency { get; set; } = "";
    public DateTimeOffset DueUtc { get; set; }
    public string State { get; set; } = "";
    public int Level { get; set; }
    public string? LastStep { get; set; }
    public DateTimeOffset? EndedUtc { get; set; }
}
