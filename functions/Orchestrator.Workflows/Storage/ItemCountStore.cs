using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Orchestrator.Workflows.Storage;

/// <summary>The facts of an item that decide its contribution to the summary (a compact copy of its read-model row).</summary>
public sealed record ItemCountFacts(string Agency, string AgencyName, string State, string DeadlineKind, DateTimeOffset? DueUtc,
    DateTimeOffset? EndedUtc)
{
    public ItemCountKey? Key => ItemCountKey.Of(Agency, AgencyName, State, DeadlineKind, DueUtc, EndedUtc);

    public static ItemCountFacts Of(ItemRecord row) =>
        new(row.AgencyInCharge, row.AgencyInChargeName, row.State, row.DeadlineKind, row.DueUtc, row.EndedUtc);
}

/// <summary>Counts by agency in charge, and the open items' deadline ends (UTC ticks, ascending) with how many end then.</summary>
public sealed record CountSnapshot(IReadOnlyList<AgencySummary> Agencies, IReadOnlyList<(long DueTicks, int Count)> OpenByDue);

/// <summary>
/// Maintained counters behind <c>GET /api/summary</c>, so that it reads a bounded number of rows
/// whatever the number of items. Table <see cref="TableName"/>, spread over <see cref="Shards"/>
/// partitions by item (so concurrent items rarely touch the same counter row). Each partition holds:
/// <list type="bullet">
/// <item><c>i|{directive}|{label}</c>: what the item is counted as now (its facts and bucket);</item>
/// <item><c>a|{agency}</c>: the partition's counts for an agency in charge;</item>
/// <item><c>d|{directive}|{agency}</c>: the same for one directive.</item>
/// </list>
/// An item's row and the counter rows it moves are written in one entity-group transaction, each
/// row conditional on the ETag it was read with (or inserted only if absent). A change is applied
/// as "the item is now counted as X": a repeated activity finds the item's row already at X and
/// writes nothing, and two writers that race both re-read and retry. So the counts stay exact under
/// at-least-once activities. The summary reads the counter rows of every partition
/// (one query; at most a page per partition) and splits open items into within deadline and overdue
/// at the current instant.
/// </summary>
public sealed class ItemCountStore(TableStorage storage)
{
    public const string TableName = "ItemCounts";
    public const int Shards = 8;
    private const int MaxAttempts = 50;

    private const string ItemPrefix = "i|";
    private const string AgencyPrefix = "a|";
    private const string DirectivePrefix = "d|";
    // '}' follows '|': "x|" <= key < "x}" is every key that starts with "x|".
    private const char PrefixEnd = '}';

    /// <summary>The item's partition: a stable hash (FNV-1a of its directive id and label), never string.GetHashCode.</summary>
    private const string ShardPrefix = "s";
    private const string ShardsEnd = "t";

    public static string ShardOf(string directiveId, string label)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(directiveId + "|" + label)) hash = (hash ^ b) * 16777619u;
        return ShardPrefix + (hash % Shards).ToString(CultureInfo.InvariantCulture);
    }

    private static string ItemRow(string directiveId, string label) => ItemPrefix + directiveId + "|" + label;
    private static string AgencyRow(string agency) => AgencyPrefix + agency;
    private static string DirectiveRow(string directiveId, string agency) => DirectivePrefix + directiveId + "|" + agency;

    /// <summary>
    /// Counts the item as <paramref name="update"/> says, from what it is counted as now (null: not yet
    /// counted, e.g. an item imported before the counters existed; then <paramref name="whenUnknown"/>
    /// gives its current facts, typically from its read-model row). Safe to repeat.
    /// </summary>
    public async Task ApplyAsync(string directiveId, string label, Func<ItemCountFacts?, ItemCountFacts?> update,
        Func<Task<ItemCountFacts?>>? whenUnknown = null, string? agencyHint = null)
    {
        var table = await storage.GetTableAsync(TableName);
        var shard = ShardOf(directiveId, label);
        var itemRow = ItemRow(directiveId, label);
        for (var attempt = 1; ; attempt++)
        {
            // One read for the item's row and the counters it most likely moves.
            var wanted = new HashSet<string>(StringComparer.Ordinal) { itemRow };
            if (agencyHint is { Length: > 0 }) wanted.UnionWith([AgencyRow(agencyHint), DirectiveRow(directiveId, agencyHint)]);
            var rows = await ReadRowsAsync(table, shard, wanted);
            rows.TryGetValue(itemRow, out var current);
            var before = current is null ? null : FactsOf(current);
            var after = update(before);
            if (current is null && after is null && whenUnknown is not null) after = await whenUnknown();
            if (after is null) return;
            var oldKey = current is null ? null : KeyOf(current);
            var newKey = after.Key;
            // Counted as before (a repeated activity, or a change the summary does not see): nothing to
            // write. The item row's other facts may lag then; every update sets the facts it changes.
            // An item counted as nothing gets its row all the same: its next change then starts from it.
            if (current is not null && (oldKey is null ? newKey is null : oldKey.SameAs(newKey))) return;

            var needed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var key in new[] { oldKey, newKey }.OfType<ItemCountKey>())
                needed.UnionWith([AgencyRow(key.Agency), DirectiveRow(directiveId, key.Agency)]);
            needed.ExceptWith(rows.Keys);
            needed.ExceptWith(wanted); // asked for already: absent
            if (needed.Count > 0)
                foreach (var (key, row) in await ReadRowsAsync(table, shard, needed)) rows[key] = row;

            var changed = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            TableEntity Counter(string rowKey, string agencyName)
            {
                if (changed.TryGetValue(rowKey, out var row)) return row;
                row = rows.TryGetValue(rowKey, out var existing) ? existing : new TableEntity(shard, rowKey);
                row["AgencyName"] = agencyName;
                return changed[rowKey] = row;
            }
            if (oldKey is not null)
            {
                Add(Counter(AgencyRow(oldKey.Agency), oldKey.AgencyName), oldKey.Bucket, -1);
                Add(Counter(DirectiveRow(directiveId, oldKey.Agency), oldKey.AgencyName), oldKey.Bucket, -1);
            }
            if (newKey is not null)
            {
                Add(Counter(AgencyRow(newKey.Agency), newKey.AgencyName), newKey.Bucket, +1);
                Add(Counter(DirectiveRow(directiveId, newKey.Agency), newKey.AgencyName), newKey.Bucket, +1);
            }
            var item = current ?? new TableEntity(shard, itemRow);
            WriteFacts(item, after);
            changed[itemRow] = item;

            try
            {
                await SubmitAsync(table, changed.Values, CancellationToken.None);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another writer moved a row since it was read: read again.
            }
        }
    }

    /// <summary>Counts by agency in charge, over every item or one directive's: bounded by the number of
    /// agencies, not of items.</summary>
    public async Task<IReadOnlyList<AgencySummary>> SummaryAsync(DateTimeOffset now, string? directiveId = null) =>
        (await SnapshotAsync(now, directiveId)).Agencies;

    /// <summary>The summary's counts and, from the same counter rows, how many open items end their
    /// deadline at each instant (UTC ticks, ascending): what tells the overview how many items are due
    /// soon or overdue, and where the first few of them lie, without reading the items.</summary>
    public async Task<CountSnapshot> SnapshotAsync(DateTimeOffset now, string? directiveId = null)
    {
        var table = await storage.GetTableAsync(TableName);
        var prefix = directiveId is null ? AgencyPrefix : DirectivePrefix + directiveId + "|";
        // One query over the shard partitions ("s0".."s7"): the storage service pages it at most at
        // each partition boundary, so it costs at most a request per shard, however many items there are.
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {ShardPrefix} and PartitionKey lt {ShardsEnd} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + PrefixEnd}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter)) rows.Add(row);
        var totals = new Dictionary<string, (string Name, int OnTime, int Late, int Within, int Overdue)>(StringComparer.Ordinal);
        var openByDue = new SortedDictionary<long, int>();
        foreach (var row in rows)
        {
            var agency = row.RowKey[prefix.Length..];
            var t = totals.TryGetValue(agency, out var seen) ? seen : (Name: row.GetString("AgencyName") ?? agency, OnTime: 0, Late: 0, Within: 0, Overdue: 0);
            t.OnTime += row.GetInt32(ItemCountKey.OnTime) ?? 0;
            t.Late += row.GetInt32(ItemCountKey.Late) ?? 0;
            foreach (var (dueTicks, count) in OpenOf(row))
            {
                openByDue[dueTicks] = openByDue.GetValueOrDefault(dueTicks) + count;
                if (now.UtcTicks < dueTicks) t.Within += count; // StatusCategories.IsOnTime(now, due)
                else t.Overdue += count;
            }
            totals[agency] = t;
        }
        var agencies = totals.Where(t => t.Value.OnTime + t.Value.Late + t.Value.Within + t.Value.Overdue > 0)
            .Select(t => new AgencySummary(t.Key, t.Value.Name, t.Value.OnTime, t.Value.Late, t.Value.Within, t.Value.Overdue))
            .OrderBy(s => s.Agency, StringComparer.Ordinal).ToList();
        return new CountSnapshot(agencies, openByDue.Where(o => o.Value > 0).Select(o => (o.Key, o.Value)).ToList());
    }

    /// <summary>
    /// Counts the items given that are not counted yet (no item row): for read-model rows written
    /// before the counters existed. Items counted already are left as they are, so it is safe while
    /// activities run, and safe to repeat. Batches of up to 100 rows per partition.
    /// </summary>
    public async Task<int> CountMissingAsync(IEnumerable<ItemRecord> items, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableName);
        var added = 0;
        foreach (var shardItems in items.GroupBy(i => ShardOf(i.PartitionKey, i.RowKey)))
            added += await CountMissingInShardAsync(table, shardItems.Key, shardItems.ToList(), ct);
        return added;
    }

    private static async Task<int> CountMissingInShardAsync(TableClient table, string shard, IReadOnlyList<ItemRecord> items,
        CancellationToken ct)
    {
        var added = 0;
        for (var attempt = 1; ; attempt++)
        {
            var counted = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var row in table.QueryAsync<TableEntity>(RangeFilter(shard, ItemPrefix, ItemPrefix), select: ["RowKey"], cancellationToken: ct))
                counted.Add(row.RowKey);
            // Every counter row of the partition ("a|..." through "d|..."): a bounded number (agencies x directives).
            var counters = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            await foreach (var row in table.QueryAsync<TableEntity>(RangeFilter(shard, AgencyPrefix, DirectivePrefix), cancellationToken: ct))
                counters[row.RowKey] = row;
            var missing = items.Where(i => !counted.Contains(ItemRow(i.PartitionKey, i.RowKey))).ToList();
            try
            {
                // A transaction holds at most 100 rows: 30 item rows and at most 60 counter rows they move.
                foreach (var chunk in missing.Chunk(30))
                {
                    var changed = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
                    foreach (var item in chunk)
                    {
                        var facts = ItemCountFacts.Of(item);
                        var entity = new TableEntity(shard, ItemRow(item.PartitionKey, item.RowKey));
                        WriteFacts(entity, facts);
                        changed[entity.RowKey] = entity;
                        if (facts.Key is not { } key) continue;
                        foreach (var rowKey in new[] { AgencyRow(key.Agency), DirectiveRow(item.PartitionKey, key.Agency) })
                        {
                            if (!counters.TryGetValue(rowKey, out var counter)) counters[rowKey] = counter = new TableEntity(shard, rowKey);
                            counter["AgencyName"] = key.AgencyName;
                            Add(counter, key.Bucket, +1);
                            changed[rowKey] = counter;
                        }
                    }
                    await SubmitAsync(table, changed.Values, ct);
                    added += chunk.Length;
                }
                return added;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // An activity counted one of these items, or moved a counter, meanwhile: read again.
            }
        }
    }

    private static string RangeFilter(string shard, string firstPrefix, string lastPrefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {firstPrefix} and RowKey lt {lastPrefix[..^1] + PrefixEnd}");

    /// <summary>Inserts the new rows, replaces the others on their ETag, and keeps the new ETags on the
    /// entities (a later transaction of the same run updates them again).</summary>
    private static async Task SubmitAsync(TableClient table, IEnumerable<TableEntity> rows, CancellationToken ct)
    {
        var list = rows.ToList();
        var actions = list.Select(row => row.ETag == default
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag)).ToList();
        var responses = await table.SubmitTransactionAsync(actions, ct);
        for (var i = 0; i < list.Count && i < responses.Value.Count; i++)
            if (responses.Value[i].Headers.ETag is { } etag) list[i].ETag = etag;
    }

    private static async Task<Dictionary<string, TableEntity>> ReadRowsAsync(TableClient table, string shard, IEnumerable<string> rowKeys,
        CancellationToken ct = default)
    {
        var filter = $"PartitionKey eq '{shard}' and (" +
                     string.Join(" or ", rowKeys.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}"))) + ")";
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct)) rows[row.RowKey] = row;
        return rows;
    }

    private static ItemCountFacts FactsOf(TableEntity row) => new(
        row.GetString("Agency") ?? "", row.GetString("AgencyName") ?? "", row.GetString("State") ?? "",
        row.GetString("DeadlineKind") ?? "", row.GetDateTimeOffset("DueUtc"), row.GetDateTimeOffset("EndedUtc"));

    private static ItemCountKey? KeyOf(TableEntity row) =>
        row.GetString("Bucket") is { Length: > 0 } bucket ? new ItemCountKey(row.GetString("Agency") ?? "", row.GetString("AgencyName") ?? "", bucket) : null;

    private static void WriteFacts(TableEntity row, ItemCountFacts facts)
    {
        row["Agency"] = facts.Agency;
        row["AgencyName"] = facts.AgencyName;
        row["State"] = facts.State;
        row["DeadlineKind"] = facts.DeadlineKind;
        row["DueUtc"] = facts.DueUtc;
        row["EndedUtc"] = facts.EndedUtc;
        row["Bucket"] = facts.Key?.Bucket ?? "";
    }

    private static void Add(TableEntity counter, string bucket, int delta)
    {
        if (ItemCountKey.OpenDueTicks(bucket) is { } ticks)
        {
            var open = OpenOf(counter);
            open[ticks] = open.GetValueOrDefault(ticks) + delta;
            if (open[ticks] == 0) open.Remove(ticks);
            counter["Open"] = JsonSerializer.Serialize(open.ToDictionary(o => o.Key.ToString(CultureInfo.InvariantCulture), o => o.Value));
        }
        else counter[bucket] = (counter.GetInt32(bucket) ?? 0) + delta;
    }

    /// <summary>Open items by the end instant (UTC ticks) of their deadline.</summary>
    private static Dictionary<long, int> OpenOf(TableEntity counter) =>
        counter.GetString("Open") is { Length: > 0 } json
            ? JsonSerializer.Deserialize<Dictionary<string, int>>(json)!.ToDictionary(o => long.Parse(o.Key, CultureInfo.InvariantCulture), o => o.Value)
            : [];
}
