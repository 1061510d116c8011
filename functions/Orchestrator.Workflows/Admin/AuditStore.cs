using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Admin;

/// <summary>
/// One admin action in the audit table <c>{prefix}Audit</c>: partition = the UTC day (yyyyMMdd),
/// row = a time-ordered id (ticks, then a random suffix), so a day reads back in order.
/// </summary>
public sealed class AuditRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset AtUtc { get; set; }
    /// <summary>The authenticated identity that acted (see <see cref="AdminCaller"/>).</summary>
    public string Operator { get; set; } = "unknown";
    /// <summary>Whom the caller said it acted for (the <c>x-operator</c> header), if it said.</summary>
    public string? OnBehalfOf { get; set; }
    public string Action { get; set; } = "";
    /// <summary>The instance acted on; empty for a bulk summary.</summary>
    public string InstanceId { get; set; } = "";
    public string Reason { get; set; } = "";
    /// <summary>"ok", "skipped: …", "failed: …", "dry run: …".</summary>
    public string Result { get; set; } = "";
    public bool DryRun { get; set; }
    /// <summary>The bulk run this entry belongs to, if any.</summary>
    public string? BulkId { get; set; }
    public string? Detail { get; set; }
}

/// <summary>Writes and reads the audit table. Every admin action writes one row (bulk: one per instance plus a summary).</summary>
public sealed class AuditStore(TableStorage storage, TimeProvider clock)
{
    public const string AuditTable = "Audit";

    public async Task<AuditRecord> WriteAsync(AdminCaller who, string action, string instanceId, string reason, string result,
        bool dryRun = false, string? bulkId = null, string? detail = null)
    {
        var now = clock.GetUtcNow();
        var record = new AuditRecord
        {
            PartitionKey = DayKey(now),
            RowKey = now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8],
            AtUtc = now,
            Operator = who.Identity,
            OnBehalfOf = who.OnBehalfOf,
            Action = action,
            InstanceId = instanceId,
            Reason = reason,
            Result = result,
            DryRun = dryRun,
            BulkId = bulkId,
            Detail = detail,
        };
        var table = await storage.GetTableAsync(AuditTable);
        await table.AddEntityAsync(record);
        return record;
    }

    /// <summary>The entries of one UTC day, oldest first, optionally for one instance or one bulk run.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadDayAsync(DateOnly day, string? instanceId = null, string? bulkId = null, int limit = 1000)
    {
        var table = await storage.GetTableAsync(AuditTable);
        var partition = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        if (!string.IsNullOrEmpty(instanceId)) filter += " and " + TableClient.CreateQueryFilter($"InstanceId eq {instanceId}");
        if (!string.IsNullOrEmpty(bulkId)) filter += " and " + TableClient.CreateQueryFilter($"BulkId eq {bulkId}");
        var entries = new List<AuditRecord>();
        await foreach (var entry in table.QueryAsync<AuditRecord>(filter))
        {
            entries.Add(entry);
            if (entries.Count >= limit) break;
        }
        return entries;
    }

    public static string DayKey(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
