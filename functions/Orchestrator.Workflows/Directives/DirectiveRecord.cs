using Azure;
using Azure.Data.Tables;

namespace Orchestrator.Workflows.Directives;

/// <summary>
/// An imported directive as it was posted (normalised JSON), with the demo shift and the escalation
/// policy it was imported with. One partition for all directives: there are thousands, not millions.
/// </summary>
public sealed class DirectiveRecord : ITableEntity
{
    public const string Partition = "directive";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string DocumentNumber { get; set; } = "";
    public string? Subject { get; set; }
    public DateTimeOffset ImportedUtc { get; set; }
    public string ContentHash { get; set; } = "";
    public string Json { get; set; } = "";
    public int ShiftDays { get; set; }
    public double? SecondsPerDay { get; set; }
    public int ItemCount { get; set; }

    /// <summary>The escalation policy the directive's items were started under (JSON of
    /// <see cref="Orchestrator.Domain.Escalation.EscalationPolicy"/>): the import request's own, or
    /// the configured default at the time. A re-import starts missing items under it. Null in rows
    /// written before it was stored: those use the configured default.</summary>
    public string? EscalationPolicy { get; set; }

    /// <summary>True when the import request set <see cref="EscalationPolicy"/> itself; the content
    /// hash then covers it.</summary>
    public bool PolicyFromRequest { get; set; }
}
