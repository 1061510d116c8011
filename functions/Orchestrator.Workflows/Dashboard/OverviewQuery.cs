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
/// The overview page's data in one scan of the read model, reading only the columns it needs (not
/// the task texts): on Azurite a scan of thousands of rows is what costs, so the page makes one
/// instead of one per panel. Counts follow the same rules as GET api/summary (ItemQueries.ToView).
/// </summary>
public sealed class OverviewQuery(TableStorage storage, TimeProvider clock)
{
    public const int ListLength = 10;
    public const int DueSoonDays = 14;

    private static readonly string[] Columns =
        ["PartitionKey", "RowKey", nameof(ItemRecord.InstanceId), nameof(ItemRecord.DeadlineKind), nameof(ItemRecord.AgencyInCharge),
         nameof(ItemRecord.AgencyInChargeName), nameof(ItemRecord.DueDate), nameof(ItemRecord.DueUtc), nameof(ItemRecord.State),
         nameof(ItemRecord.Level), nameof(ItemRecord.EndedUtc), nameof(ItemRecord.Urgent)];

    /// <param name="dueFrom">With <paramref name="dueTo"/>: only items whose (planned) due date falls in this period.</param>
    public async Task<OverviewResponse> GetAsync(string? directiveId, DateOnly? dueFrom, DateOnly? dueTo)
    {
        var table = await storage.GetTableAsync(ItemStore.ItemsTable);
        var now = clock.GetUtcNow();
        var rows = directiveId is null
            ? table.QueryAsync<ItemRecord>(select: Columns)
            : table.QueryAsync<ItemRecord>(r => r.PartitionKey == directiveId, select: Columns);
        var views = new List<ItemView>();
        await foreach (var row in rows)
        {
            if (dueFrom is not null || dueTo is not null)
            {
                if (!DateOnly.TryParseExact(row.DueDate, "yyyy-MM-dd", out var due)) continue;
                if (due < dueFrom || due > dueTo) continue;
            }
            views.Add(ItemQueries.ToView(row, now));
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
        return new OverviewResponse(["completedOnTime", "completedLate", "inProgressWithinDeadline", "overdue"], agencies,
            new Api.SummaryTotals(agencies.Sum(a => a.CompletedOnTime), agencies.Sum(a => a.CompletedLate),
                agencies.Sum(a => a.InProgressWithinDeadline), agencies.Sum(a => a.Overdue)),
            new OverviewList(dueSoon.Count, dueSoon.Take(ListLength).ToList()),
            new OverviewList(overdue.Count, overdue.Take(ListLength).ToList()));
    }
}
