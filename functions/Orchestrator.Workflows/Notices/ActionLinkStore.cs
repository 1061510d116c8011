using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Notices;

/// <summary>
/// Row <see cref="ActionLinkStore.EpochRow"/> of an item's partition: the item's link epoch. Every
/// link carries the epoch of the item when it was issued; the epoch advances when the item ends or
/// is transferred, which is what makes every earlier link stop working. It also says why, so a
/// refused link can tell its user.
/// </summary>
public sealed class LinkEpochRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = ActionLinkStore.EpochRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Epoch { get; set; }
    /// <summary>The event that advanced it last: a repeated activity does not advance it twice.</summary>
    public string AdvancedByEventId { get; set; } = "";
    /// <summary>The item's state after that event: an ended state, or Open/Overdue for a transfer.</summary>
    public string State { get; set; } = "";
    /// <summary>For a transfer: the agency that took the item over.</summary>
    public string? ToAgencyName { get; set; }
    public DateTimeOffset AtUtc { get; set; }

    public bool Ended => Enum.TryParse<ItemState>(State, out var state) && state.IsEnded();
}

/// <summary>
/// Row "use-{linkId}": one link was used. It is inserted (the insert fails when the row exists)
/// before the event is raised, with the event it raises, and marked <see cref="Raised"/> after.
/// </summary>
public sealed class LinkUseRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Action { get; set; } = "";
    public string Recipient { get; set; } = "";
    public string EventId { get; set; } = "";
    /// <summary>The whole event as JSON: a retry raises exactly this event again, same id.</summary>
    public string EventJson { get; set; } = "";
    public DateTimeOffset ReservedUtc { get; set; }
    public bool Raised { get; set; }
    public DateTimeOffset? RaisedUtc { get; set; }

    public ItemEvent ReadEvent() => JsonSerializer.Deserialize<ItemEvent>(EventJson, WorkflowJson.Options)
        ?? throw new InvalidOperationException($"Link use {PartitionKey}/{RowKey} holds no event.");
}

/// <summary>
/// The state behind action links, one partition per item (its instance id): the item's link epoch
/// and a row per used link. The signed token says who may do what; this table says whether the
/// link may still be used.
/// </summary>
public sealed class ActionLinkStore(TableStorage storage)
{
    public const string TableName = "ActionLinks";
    public const string EpochRow = "epoch";

    public static string UseRow(string linkId) => "use-" + linkId;

    public async Task<LinkEpochRecord?> GetEpochAsync(string instanceId)
    {
        var table = await storage.GetTableAsync(TableName);
        var response = await table.GetEntityIfExistsAsync<LinkEpochRecord>(instanceId, EpochRow);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>The epoch new links of the item are signed with (0 until it first ends or is transferred).</summary>
    public async Task<int> CurrentEpochAsync(string instanceId) => (await GetEpochAsync(instanceId))?.Epoch ?? 0;

    /// <summary>
    /// Advances the item's epoch because of <paramref name="eventId"/>; a second call for the same
    /// event changes nothing (activities run at least once). Concurrent writers are serialised by
    /// insert-if-absent and ETag-conditional updates. Most items never had their epoch advanced, so
    /// the first epoch is inserted without reading first; only when a row exists is it read.
    /// </summary>
    public async Task AdvanceEpochAsync(string instanceId, string eventId, ItemState stateAfter, string? toAgencyName, DateTimeOffset atUtc)
    {
        var table = await storage.GetTableAsync(TableName);
        var known = false; // whether a row may exist (then read it before writing)
        while (true)
        {
            var current = known ? await GetEpochAsync(instanceId) : null;
            if (current?.AdvancedByEventId == eventId) return;
            var next = new LinkEpochRecord
            {
                PartitionKey = instanceId,
                Epoch = (current?.Epoch ?? 0) + 1,
                AdvancedByEventId = eventId,
                State = stateAfter.ToString(),
                ToAgencyName = toAgencyName,
                AtUtc = atUtc,
            };
            try
            {
                if (current is null) await table.AddEntityAsync(next);
                else await table.UpdateEntityAsync(next, current.ETag, TableUpdateMode.Replace);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // A row exists (an earlier epoch, this event's own from a first run, or someone else's
                // write since our read): read it and decide again.
                known = true;
            }
        }
    }

    public async Task<LinkUseRecord?> GetUseAsync(string instanceId, string linkId)
    {
        var table = await storage.GetTableAsync(TableName);
        var response = await table.GetEntityIfExistsAsync<LinkUseRecord>(instanceId, UseRow(linkId));
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Inserts the use; false (and nothing written) when the link has a use already.</summary>
    public async Task<bool> TryReserveAsync(LinkUseRecord use)
    {
        var table = await storage.GetTableAsync(TableName);
        try
        {
            await table.AddEntityAsync(use);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task MarkRaisedAsync(LinkUseRecord use, DateTimeOffset atUtc)
    {
        use.Raised = true;
        use.RaisedUtc = atUtc;
        var table = await storage.GetTableAsync(TableName);
        await table.UpsertEntityAsync(use, TableUpdateMode.Merge);
    }
}
