using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Tests.ReadModel;

/// <summary>
/// The summary reads maintained counters (a bounded number of requests whatever the number of
/// items), counts exactly under concurrent and repeated updates, counts items written before the
/// counters existed; lists are paged with continuation tokens.
/// </summary>
public sealed class ItemQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 3, 0, 0, TimeSpan.Zero);
    private static readonly string[] Agencies = ["BTC", "BCA", "BYT"];

    /// <summary>Items of <paramref name="directives"/> directives: due before or after <see cref="Now"/>, some completed, some with no deadline.</summary>
    private static List<ItemRecord> Items(int count, int directives = 2) => Enumerable.Range(0, count).Select(i =>
    {
        var due = Now.AddDays(i % 5 - 2).AddHours(i % 3);
        var ended = i % 7 == 0;
        return new ItemRecord
        {
            PartitionKey = $"2026-{100 + i % directives}-UBND", RowKey = $"{i / 100}.{i % 100}", InstanceId = $"2026-{100 + i % directives}-UBND:{i}",
            Task = "task " + i, DeadlineKind = i % 11 == 0 ? "None" : "Date", LeadAsWritten = Agencies[i % 3], LeadCode = Agencies[i % 3],
            AgencyInCharge = Agencies[i % 3], AgencyInChargeName = "name of " + Agencies[i % 3], DueDate = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DueUtc = due,
            State = ended ? (i % 2 == 0 ? "CompletedOnTime" : "CompletedLate") : (i % 2 == 0 ? "Open" : "Overdue"),
            EndedUtc = ended ? (i % 2 == 0 ? due.AddDays(-1) : due.AddDays(1)) : null,
        };
    }).ToList();

    /// <summary>Writes read-model rows directly (as rows written before the counters existed), 100 per transaction.</summary>
    private static async Task WriteRowsAsync(ReadModelHarness harness, IEnumerable<ItemRecord> rows)
    {
        var table = await harness.Storage.GetTableAsync(ItemStore.ItemsTable);
        foreach (var partition in rows.GroupBy(r => r.PartitionKey))
        foreach (var chunk in partition.Chunk(100))
            await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)));
    }

    /// <summary>The summary as the items themselves say it is (the old way: every row read).</summary>
    private static List<AgencySummary> Expected(IEnumerable<ItemRecord> rows, string? directive = null) => rows
        .Where(r => directive is null || r.PartitionKey == directive)
        .Select(r => ItemQueries.ToView(r, Now)).Where(v => StatusCategories.IsCounted(v.Category))
        .GroupBy(v => v.AgencyInCharge).OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => new AgencySummary(g.Key, "name of " + g.Key, g.Count(v => v.Category == StatusCategory.CompletedOnTime),
            g.Count(v => v.Category == StatusCategory.CompletedLate), g.Count(v => v.Category == StatusCategory.InProgressWithinDeadline),
            g.Count(v => v.Category == StatusCategory.Overdue))).ToList();

    private static async Task<int> SummaryRequestsAsync(int items)
    {
        await using var harness = await ReadModelHarness.StartAsync(new ManualClock(Now));
        var rows = Items(items);
        await WriteRowsAsync(harness, rows);
        var queries = harness.Get<ItemQueries>();
        Assert.Equal(Expected(rows), await queries.SummaryAsync()); // the first one also counts the rows written before
        harness.Log.Clear();
        Assert.Equal(Expected(rows), await queries.SummaryAsync());
        return harness.Log.Since(harness.Prefix).Count;
    }

    [Fact]
    public async Task The_summary_costs_the_same_few_requests_for_ten_items_and_for_three_thousand()
    {
        var few = await SummaryRequestsAsync(10);
        var many = await SummaryRequestsAsync(3000);

        Assert.Equal(few, many);
        Assert.InRange(many, 1, ItemCountStore.Shards);
    }

    [Fact]
    public async Task Counts_stay_exact_when_items_change_concurrently_and_changes_are_applied_twice()
    {
        await using var harness = await ReadModelHarness.StartAsync(new ManualClock(Now));
        var counts = harness.Get<ItemCountStore>();
        var rows = Items(120, directives: 1);
        // Every item imported open (twice: at least once), all at the same time, on few counter rows.
        var open = rows.Select(r => new ItemRecord
        {
            PartitionKey = r.PartitionKey, RowKey = r.RowKey, AgencyInCharge = "BTC", AgencyInChargeName = "name of BTC",
            DeadlineKind = r.DeadlineKind, DueUtc = r.DueUtc, State = "Open",
        }).ToList();
        await Task.WhenAll(open.Concat(open).Select(r => counts.ApplyAsync(r.PartitionKey, r.RowKey, _ => ItemCountFacts.Of(r), agencyHint: "BTC")));
        // Then each moves to its final state (agency, completion), twice, concurrently.
        await Task.WhenAll(rows.Concat(rows).Select(r => counts.ApplyAsync(r.PartitionKey, r.RowKey,
            before => before! with { Agency = r.AgencyInCharge, AgencyName = r.AgencyInChargeName, State = r.State, EndedUtc = r.EndedUtc },
            agencyHint: r.AgencyInCharge)));
        await WriteRowsAsync(harness, rows);

        var queries = harness.Get<ItemQueries>();
        Assert.Equal(Expected(rows), await queries.SummaryAsync());
        Assert.Equal(Expected(rows, rows[0].PartitionKey), await queries.SummaryAsync(rows[0].PartitionKey));
    }

    [Fact]
    public async Task Items_written_before_the_counters_are_counted_once_and_then_move_with_their_changes()
    {
        await using var harness = await ReadModelHarness.StartAsync(new ManualClock(Now));
        var rows = Items(250);
        await WriteRowsAsync(harness, rows);
        var queries = harness.Get<ItemQueries>();
        Assert.Equal(Expected(rows), await queries.SummaryAsync());

        // An open item completes late after the backfill: it moves from open to late, once.
        var item = rows.First(r => r.State == "Open" && r.DeadlineKind == "Date");
        item.State = "CompletedLate";
        item.EndedUtc = item.DueUtc!.Value.AddDays(3);
        await WriteRowsAsync(harness, [item]);
        for (var run = 0; run < 2; run++)
            await harness.Get<ItemCountStore>().ApplyAsync(item.PartitionKey, item.RowKey,
                before => before! with { State = item.State, EndedUtc = item.EndedUtc });

        Assert.Equal(Expected(rows), await queries.SummaryAsync());
        Assert.Equal(Expected(rows, item.PartitionKey), await queries.SummaryAsync(item.PartitionKey));
    }

    [Fact]
    public async Task Every_list_comes_page_by_page_each_item_once_in_order_and_the_last_page_has_no_token()
    {
        await using var harness = await ReadModelHarness.StartAsync(new ManualClock(Now));
        var rows = Items(230);
        await WriteRowsAsync(harness, rows);
        var queries = harness.Get<ItemQueries>();

        foreach (var filter in new ItemFilter[]
                 {
                     new(), new(DirectiveId: rows[1].PartitionKey), new(Agency: "bca", OverdueOnly: true),
                     new(Category: StatusCategory.InProgressWithinDeadline), new(DueWithinDays: 1), new(Agency: "BYT", Category: StatusCategory.CompletedLate),
                 })
        {
            var expected = rows.Select(r => ItemQueries.ToView(r, Now))
                .Where(v => filter.DirectiveId is null || v.DirectiveId == filter.DirectiveId)
                .Where(v => filter.Agency is null || string.Equals(v.AgencyInCharge, filter.Agency, StringComparison.OrdinalIgnoreCase))
                .Where(v => filter.Category is null || v.Category == filter.Category)
                .Where(v => !filter.OverdueOnly || v.Category == StatusCategory.Overdue)
                .Where(v => filter.DueWithinDays is null || v.Category == StatusCategory.InProgressWithinDeadline && v.DueUtc <= Now.AddDays(filter.DueWithinDays.Value))
                .OrderBy(v => v.DirectiveId, StringComparer.Ordinal).ThenBy(v => v.Label, StringComparer.Ordinal)
                .Select(v => v.InstanceId).ToList();
            var seen = new List<string>();
            string? token = null;
            var pages = 0;
            do
            {
                var page = await queries.QueryPageAsync(filter, pageSize: 40, token);
                Assert.InRange(page.Items.Count, 0, 40);
                seen.AddRange(page.Items.Select(i => i.InstanceId));
                token = page.ContinuationToken;
                Assert.True(++pages <= 20, "the pages do not end");
            } while (token is not null);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, seen);
        }
        var all = await queries.QueryPageAsync(new ItemFilter(), pageSize: 1000);
        Assert.Equal((230, (string?)null), (all.Items.Count, all.ContinuationToken));
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=1001", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    [InlineData("continuationToken=not-a-token!", "continuationToken")]
    [InlineData("continuationToken=Zm9vYmFy", "continuationToken")]
    public async Task A_bad_page_size_or_token_is_refused_naming_the_parameter(string query, string field)
    {
        await using var harness = await ReadModelHarness.StartAsync(new ManualClock(Now));
        await WriteRowsAsync(harness, Items(5));
        var context = new DefaultHttpContext { RequestServices = harness.Services };
        context.Request.QueryString = new QueryString("?" + query);
        context.Response.Body = new MemoryStream();

        await (await harness.Get<QueryApi>().ItemsAsync(context.Request)).ExecuteAsync(context);

        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(400, context.Response.StatusCode);
        Assert.Contains(problem.RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
    }

    [Fact]
    public async Task The_list_answer_carries_the_token_of_the_next_page_and_null_on_the_last()
    {
        await using var harness = await ReadModelHarness.StartAsync(new ManualClock(Now));
        await WriteRowsAsync(harness, Items(5, directives: 1));
        async Task<JsonElement> GetAsync(string query)
        {
            var context = new DefaultHttpContext { RequestServices = harness.Services };
            context.Request.QueryString = new QueryString(query);
            context.Response.Body = new MemoryStream();
            await (await harness.Get<QueryApi>().ItemsAsync(context.Request)).ExecuteAsync(context);
            context.Response.Body.Position = 0;
            return (await JsonDocument.ParseAsync(context.Response.Body)).RootElement.Clone();
        }

        var first = await GetAsync("?pageSize=3");
        var token = first.GetProperty("continuationToken").GetString();
        var last = await GetAsync("?pageSize=3&continuationToken=" + Uri.EscapeDataString(token!));

        Assert.Equal(3, first.GetProperty("count").GetInt32());
        Assert.Equal(2, last.GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, last.GetProperty("continuationToken").ValueKind);
    }
}
