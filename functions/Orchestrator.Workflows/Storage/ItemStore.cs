using Azure;
using Azure.Data.Tables;

namespace Orchestrator.Workflows.Storage;

/// <summary>Reads and writes the items and their timelines. Writes are upserts: safe to repeat.</summary>
public sealed class ItemStore(TableStorage storage)
{
    public const string ItemsTable = "Items";
    public const string TimelineTable = "Timeline";

    public async Task UpsertAsync(ItemRecord item)
    {
        var table = await storage.GetTableAsync(ItemsTable);
        await table.UpsertEntityAsync(item, TableUpdateMode.Merge);
    }

    /// <summary>Writes only the fields given (and leaves the others as they are), without reading the
    /// row first: for updates whose every changed field the caller knows. Safe to repeat. False (and
    /// nothing written) when the item has no row: a partial row is never created.</summary>
    public async Task<bool> MergeAsync(string directiveId, string label, IDictionary<string, object?> fields)
    {
        var table = await storage.GetTableAsync(ItemsTable);
        var entity = new TableEntity(directiveId, label);
        foreach (var (name, value) in fields) entity[name] = value;
        try
        {
            await table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    public async Task<ItemRecord?> GetAsync(string directiveId, string label)
    {
        var table = await storage.GetTableAsync(ItemsTable);
        var response = await table.GetEntityIfExistsAsync<ItemRecord>(directiveId, label);
        return response.HasValue ? response.Value : null;
    }

    public async Task AppendTimelineAsync(TimelineRecord entry)
    {
        var table = await storage.GetTableAsync(TimelineTable);
        await table.UpsertEntityAsync(entry, TableUpdateMode.Replace);
    }

    public async Task<TimelineRecord?> GetTimelineEntryAsync(string instanceId, string rowKey)
    {
        var table = await storage.GetTableAsync(TimelineTable);
        var response = await table.GetEntityIfExistsAsync<TimelineRecord>(instanceId, rowKey);
        return response.HasValue ? response.Value : null;
    }

    public async Task<IReadOnlyList<TimelineRecord>> GetTimelineAsync(string instanceId)
    {
        var table = await storage.GetTableAsync(TimelineTable);
        var entries = new List<TimelineRecord>();
        await foreach (var entry in table.QueryAsync<TimelineRecord>(e => e.PartitionKey == instanceId))
            entries.Add(entry);
        return entries.OrderBy(e => e.AtUtc).ThenBy(e => e.RowKey, StringComparer.Ordinal).ToList();
    }
}
