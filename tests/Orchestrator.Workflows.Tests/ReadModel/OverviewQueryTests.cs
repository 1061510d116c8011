using System.Globalization;
using Azure.Data.Tables;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Dashboard;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Tests.ReadModel;

/// <summary>
/// GET api/overview reads the maintained counters and two short DueUtc ranges, not every item: the
/// same answer as counting the items one by one, for the same few requests whatever their number.
/// </summary>
public sealed class OverviewQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 3, 0, 0, TimeSpan.Zero);
    private static readonly string[] Agencies = ["BTC", "BCA", "BYT"];

    /// <summary>Items due over <paramref name="days"/> days around now, many sharing a due instant (ties at
    /// the lists' cut), some completed, some withdrawn or without a deadline.</summary>
    private static List<ItemRecord> Items(int count, int days = 61) => Enumerable.Range(0, count).Select(i =>
    {
        var due = Now.AddDays(i % days - days / 2).AddHours(i % 2);
        var ended = i % 7 == 0;
        return new ItemRecord
        {
            PartitionKey = $"2026-{100 + i % 3}-UBND", RowKey = $"{i / 100}.{i % 100}", InstanceId = $"2026-{100 + i % 3}-UBND:{i}",
            Task = "task " + i, DeadlineKind = i % 13 == 0 ? "None" : "Date", LeadAsWritten = Agencies[i % 3], LeadCode = Agencies[i % 3],
            AgencyInCharge = Agencies[i % 3], AgencyInChargeName = "name of " + Agencies[i % 3], DueDate = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DueUtc = due,
            State = i % 17 == 0 ? "Withdrawn" : ended ? "CompletedOnTime" : due <= Now ? "Overdue" : "Open",
            EndedUtc = ended ? due.AddDays(-1) : null,
        };
    }).ToList();

    private static async Task WriteRowsAsync(ReadModelHarness harness, IEnumerable<ItemRecord> rows)
    {
        var table = await harness.Storage.GetTableAsync(ItemStore.ItemsTable);
        foreach (var partition in rows.GroupBy(r => r.PartitionKey))
        foreach (var chunk in partition.Chunk(100))
            await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)));
    }

    /// <summary>The overview as the items themselves give it: every row read and sorted by due instant.</summary>
    private static string Expected(IEnumerable<ItemRecord> rows, string? directive = null)
    {
        var views = rows.Where(r => directive is null || r.PartitionKey == directive).Select(r => ItemQueries.ToView(r, Now))
            .OrderBy(v => v.DueUtc).ThenBy(v => v.DirectiveId, StringComparer.Ordinal).ThenBy(v => v.Label, StringComparer.Ordinal).ToList();
        var soon = views.Where(v => v.Category == StatusCategory.InProgressWithinDeadline && v.DueUtc <= Now.AddDays(14)).ToList();
        var overdue = views.Where(v => v.Category == StatusCategory.Overdue).ToList();
        var counted = views.Where(v => StatusCategories.IsCounted(v.Category)).ToList();
        return Describe(counted.Count(v => v.Category == StatusCategory.CompletedOnTime), counted.Count(v => v.Category == StatusCategory.Overdue),
            counted.Count(v => v.Category == StatusCategory.InProgressWithinDeadline), soon.Count, soon.Take(10), overdue.Count, overdue.Take(10));
    }

    private static string Shown(OverviewResponse o) =>
        Describe(o.Totals.CompletedOnTime, o.Totals.Overdue, o.Totals.InProgressWithinDeadline, o.DueSoon.Count, o.DueSoon.Items,
            o.MostOverdue.Count, o.MostOverdue.Items);

    private static string Describe(int onTime, int overdue, int within, int soonCount, IEnumerable<ItemView> soon, int overdueCount,
        IEnumerable<ItemView> mostOverdue) =>
        $"onTime={onTime} overdue={overdue} within={within} | soon {soonCount}: {string.Join(",", soon.Select(v => v.InstanceId))}"
        + $" | most overdue {overdueCount}: {string.Join(",", mostOverdue.Select(v => v.InstanceId))}";

    [Fact]
    public async Task The_overview_is_what_the_items_say_with_or_without_a_directive()
    {
        await using var harness = await ReadModelHarness.StartAsync(new ManualClock(Now));
        var rows = Items(400);
        await WriteRowsAsync(harness, rows);
        var overview = harness.Get<OverviewQuery>();

        Assert.Equal(Expected(rows), Shown(await overview.GetAsync(null, null, null)));
        Assert.Equal(Expected(rows, "2026-101-UBND"), Shown(await overview.GetAsync("2026-101-UBND", null, null)));
    }

    [Fact]
    public async Task The_items_due_in_a_period_are_counted_from_the_rows_of_that_period()
    {
        await using var harness = await ReadModelHarness.StartAsync(new ManualClock(Now));
        var rows = Items(200);
        await WriteRowsAsync(harness, rows);
        var from = DateOnly.FromDateTime(Now.AddDays(-5).UtcDateTime);
        var to = DateOnly.FromDateTime(Now.AddDays(5).UtcDateTime);
        var inPeriod = rows.Where(r => string.CompareOrdinal(r.DueDate, from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) >= 0
                                       && string.CompareOrdinal(r.DueDate, to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) <= 0).ToList();

        Assert.Equal(Expected(inPeriod), Shown(await harness.Get<OverviewQuery>().GetAsync(null, from, to)));
    }

    private static async Task<int> OverviewRequestsAsync(int items)
    {
        await using var harness = await ReadModelHarness.StartAsync(new ManualClock(Now));
        // Four due instants: whatever the number of items, each list's first instant holds its ten.
        var rows = Items(items, days: 4);
        await WriteRowsAsync(harness, rows);
        var overview = harness.Get<OverviewQuery>();
        await harness.Get<ItemQueries>().EnsureCountedAsync(); // the counting of rows written before the counters, once
        harness.Log.Clear();
        Assert.Equal(Expected(rows), Shown(await overview.GetAsync(null, null, null)));
        return harness.Log.Since(harness.Prefix).Count;
    }

    [Fact]
    public async Task The_overview_costs_the_same_few_requests_for_a_hundred_items_and_for_three_thousand()
    {
        var few = await OverviewRequestsAsync(100);
        var many = await OverviewRequestsAsync(3000);

        Assert.Equal(few, many);
        // The counters (at most a page per shard) and at most two DueUtc ranges per list.
        Assert.InRange(many, 1, ItemCountStore.Shards + 4);
    }
}
