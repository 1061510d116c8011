using System.Globalization;
using Azure.Data.Tables;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Dashboard;

/// <summary>Counts by agency and category, with the first few items due soon and the most overdue.</summary>
public sealed record OverviewResponse(IReadOnlyList<string> Categories, IReadOnlyList<AgencySummary> Agencies, Api.SummaryTotals Totals,
    OverviewList DueSoon, OverviewList MostOverdue);

/// <summary>How many items a list has, and its first ones (the full list is GET api/items with the same filter).</summary>
public sealed record OverviewList(int Count, IReadOnlyList<ItemView> Items);

/// <summary>
/// The overview page's data without reading every item. The counts come from the maintained
/// counters (<see cref="ItemCountStore"/>, the same as GET api/summary), which also say at which
/// instants the open items' deadlines end: so the number due within 14 days and the number overdue
/// are counted there too, and the first <see cref="ListLength"/> of each list are read with a
/// storage filter on a DueUtc range that holds just them (a page of rows, not a scan of the items).
/// With a period (dueFrom/dueTo) the counters cannot answer (they are not kept by due date for the
/// completed items): that case reads the rows whose DueDate falls in the period, filtered by the
/// storage service.
/// </summary>
public sealed class OverviewQuery(TableStorage storage, ItemQueries queries, ItemCountStore counts, TimeProvider clock)
{
    public const int ListLength = 10;
    public const int DueSoonDays = 14;

    private static readonly string[] Columns =
        ["PartitionKey", "RowKey", nameof(ItemRecord.InstanceId), nameof(ItemRecord.DeadlineKind), nameof(ItemRecord.AgencyInCharge),
         nameof(ItemRecord.AgencyInChargeName), nameof(ItemRecord.DueDate), nameof(ItemRecord.DueUtc), nameof(ItemRecord.State),
         nameof(ItemRecord.Level), nameof(ItemRecord.EndedUtc), nameof(ItemRecord.Urgent)];

    private static readonly IReadOnlyList<string> Categories = ["completedOnTime", "completedLate", "inProgressWithinDeadline", "overdue"];

    /// <param name="dueFrom">With <paramref name="dueTo"/>: only items whose (planned) due date falls in this period.</param>
    public async Task<OverviewResponse> GetAsync(string? directiveId, DateOnly? dueFrom, DateOnly? dueTo)
    {
        if (dueFrom is not null || dueTo is not null) return await InPeriodAsync(directiveId, dueFrom, dueTo);

        await queries.EnsureCountedAsync();
        var now = clock.GetUtcNow();
        var snapshot = await counts.SnapshotAsync(now, directiveId);
        var soonEnd = now.AddDays(DueSoonDays).UtcTicks;
        // The same rules as ItemQueries' categories: overdue once now reaches the deadline's end.
        var overdue = snapshot.OpenByDue.Where(o => o.DueTicks <= now.UtcTicks).ToList();
        var dueSoon = snapshot.OpenByDue.Where(o => o.DueTicks > now.UtcTicks && o.DueTicks <= soonEnd).ToList();
        var table = await storage.GetTableAsync(ItemStore.ItemsTable);
        var agencies = snapshot.Agencies;
        return new OverviewResponse(Categories, agencies, Totals(agencies),
            new OverviewList(dueSoon.Sum(o => o.Count),
                await FirstByDueAsync(table, directiveId, dueSoon, StatusCategory.InProgressWithinDeadline, now)),
            new OverviewList(overdue.Sum(o => o.Count),
                await FirstByDueAsync(table, directiveId, overdue, StatusCategory.Overdue, now)));
    }

    /// <summary>
    /// The first <see cref="ListLength"/> items by due instant among <paramref name="openByDue"/> (ascending). The
    /// counts say the instant T by which there are enough: one query reads every item due before T
    /// (fewer than the list's length), another the first few due at T (ties, in directive and label
    /// order). Both are DueUtc ranges between neighbouring counted instants, so a coarser precision of
    /// the stored instant cannot lose a row.
    /// </summary>
    private static async Task<IReadOnlyList<ItemView>> FirstByDueAsync(TableClient table, string? directiveId,
        IReadOnlyList<(long DueTicks, int Count)> openByDue, StatusCategory category, DateTimeOffset now)
    {
        if (openByDue.Count == 0) return [];
        var before = 0;
        var last = 0;
        while (last < openByDue.Count - 1 && before + openByDue[last].Count < ListLength) before += openByDue[last++].Count;
        var first = At(openByDue[0].DueTicks);
        var threshold = At(openByDue[last].DueTicks);
        var items = new List<ItemView>();
        if (last > 0) await ReadAsync(Range(directiveId, first, threshold), ListLength);
        var afterThreshold = last + 1 < openByDue.Count ? At(openByDue[last + 1].DueTicks) : (DateTimeOffset?)null;
        await ReadAsync(Range(directiveId, threshold, afterThreshold), ListLength - items.Count);
        return items.OrderBy(i => i.DueUtc).ThenBy(i => i.DirectiveId, StringComparer.Ordinal)
            .ThenBy(i => i.Label, StringComparer.Ordinal).Take(ListLength).ToList();

        async Task ReadAsync(string filter, int wanted)
        {
            if (wanted <= 0) return;
            var found = 0;
            await foreach (var row in table.QueryAsync<ItemRecord>(filter, maxPerPage: Math.Max(wanted, ListLength), select: Columns))
            {
                var view = ItemQueries.ToView(row, now);
                if (view.Category != category) continue; // the read model moved since the counters were read
                items.Add(view);
                if (++found >= wanted) break;
            }
        }
    }

    private static DateTimeOffset At(long utcTicks) => new(utcTicks, TimeSpan.Zero);

    /// <summary>Open items with a deadline whose DueUtc is in [from, to) (to null: no upper end).</summary>
    private static string Range(string? directiveId, DateTimeOffset from, DateTimeOffset? to)
    {
        var filter = "(" + ItemQueries.OpenWithDeadline + ") and " + TableClient.CreateQueryFilter($"DueUtc ge {from}");
        if (to is { } end) filter += " and " + TableClient.CreateQueryFilter($"DueUtc lt {end}");
        if (directiveId is not null) filter = TableClient.CreateQueryFilter($"PartitionKey eq {directiveId}") + " and " + filter;
        return filter;
    }

    /// <summary>The overview of the items due in a period: the rows whose DueDate is in it, read in full
    /// (the storage service filters them, so only those travel), counted as GET api/summary counts.</summary>
    private async Task<OverviewResponse> InPeriodAsync(string? directiveId, DateOnly? dueFrom, DateOnly? dueTo)
    {
        var table = await storage.GetTableAsync(ItemStore.ItemsTable);
        var now = clock.GetUtcNow();
        var parts = new List<string>();
        if (directiveId is not null) parts.Add(TableClient.CreateQueryFilter($"PartitionKey eq {directiveId}"));
        // DueDate is YYYY-MM-DD text: string order is date order.
        if (dueFrom is { } from) parts.Add(TableClient.CreateQueryFilter($"DueDate ge {from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"));
        if (dueTo is { } to) parts.Add(TableClient.CreateQueryFilter($"DueDate le {to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"));
        var views = new List<ItemView>();
        await foreach (var row in table.QueryAsync<ItemRecord>(string.Join(" and ", parts), select: Columns))
        {
            if (!DateOnly.TryParseExact(row.DueDate, "yyyy-MM-dd", out var due) || due < dueFrom || due > dueTo) continue;
            views.Add(ItemQueries.ToView(row, now, queries.Calendar));
        }

        var agencies = views.Where(i => StatusCategories.IsCounted(i.Category))
            .GroupBy(i => (i.AgencyInCharge, i.AgencyInChargeName))
            .Select(g => new AgencySummary(g.Key.AgencyInCharge, g.Key.AgencyInChargeName,
                g.Count(i => i.Category == StatusCategory.CompletedOnTime), g.Count(i => i.Category == StatusCategory.CompletedLate),
                g.Count(i => i.Category == StatusCategory.InProgressWithinDeadline), g.Count(i => i.Category == StatusCategory.Overdue)))
            .OrderBy(s => s.Agency, StringComparer.Ordinal).ToList();
        var dueSoon = views.Where(v => v.Category == StatusCategory.InProgressWithinDeadline && v.DueUtc <= now.AddDays(DueSoonDays))
            .OrderBy(v => v.DueUtc).ToList();
        var overdue = views.Where(v => v.Category == StatusCategory.Overdue).OrderBy(v => v.DueUtc).ToList();
        return new OverviewResponse(Categories, agencies, Totals(agencies),
            new OverviewList(dueSoon.Count, dueSoon.Take(ListLength).ToList()),
            new OverviewList(overdue.Count, overdue.Take(ListLength).ToList()));
    }

    private static Api.SummaryTotals Totals(IReadOnlyList<AgencySummary> agencies) =>
        new(agencies.Sum(a => a.CompletedOnTime), agencies.Sum(a => a.CompletedLate),
            agencies.Sum(a => a.InProgressWithinDeadline), agencies.Sum(a => a.Overdue));
}
