using Azure.Data.Tables;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Http;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Tests.ReadModel;

/// <summary>GET api/items/export writes the whole list the filter selects, reading it page after page on the server.</summary>
public sealed class ItemExportTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_export_holds_every_page_of_the_filtered_list()
    {
        await using var harness = await ReadModelHarness.StartAsync(new ManualClock(Now));
        var table = await harness.Storage.GetTableAsync(ItemStore.ItemsTable);
        // More BTC items than a page of the API holds (1000), and items of another agency.
        var rows = Enumerable.Range(0, 1250).Select(i => new ItemRecord
        {
            PartitionKey = "2026-100-UBND", RowKey = $"{i:D4}", InstanceId = $"2026-100-UBND:{i}", Task = "task " + i, DeadlineKind = "Date",
            AgencyInCharge = i % 5 == 0 ? "BYT" : "BTC", AgencyInChargeName = "name", DueDate = "2026-03-10", DueUtc = Now.AddDays(8), State = "Open",
        }).ToList();
        foreach (var chunk in rows.Chunk(100))
            await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));

        var context = new DefaultHttpContext { RequestServices = harness.Services };
        context.Request.QueryString = new QueryString("?agency=BTC");
        context.Response.Body = new MemoryStream();
        await (await harness.Get<DashboardApi>().ExportItemsAsync(context.Request)).ExecuteAsync(context);

        Assert.Equal(200, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        using var workbook = SpreadsheetDocument.Open(context.Response.Body, false);
        var sheetRows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Count();
        Assert.Equal(rows.Count(r => r.AgencyInCharge == "BTC") + 1, sheetRows); // a header row and one row per item
    }
}
