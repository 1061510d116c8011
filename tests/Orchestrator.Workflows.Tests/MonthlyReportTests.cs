using System.Globalization;
using Azure.Data.Tables;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.DurableTask;
using Orchestrator.Domain.Common;
using Orchestrator.Testing;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Items.Activities;
using Orchestrator.Workflows.Notices;
using Orchestrator.Workflows.Reports;
using Orchestrator.Workflows.Storage;
using ItemState = Orchestrator.Workflows.Items.ItemState;

namespace Orchestrator.Workflows.Tests;

/// <summary>
/// The monthly report's figures are the summary's at the end of the period, whatever happened
/// since: the report of November taken in December equals the summary taken at the end of
/// November, although items were completed, extended, transferred and assigned in between.
/// </summary>
public sealed class MonthlyReportTests
{
    private const string Directive = "2026-101-VPCP-KTTH";
    private static readonly DateTimeOffset EndOfNovember = VietnamTime.EndOfDay(new DateOnly(2026, 11, 30));

    [Fact]
    public async Task November_report_taken_in_December_equals_the_summary_at_the_end_of_November()
    {
        var world = await World.CreateAsync(At(2026, 11, 1));
        await world.AssignAsync("on-time", "BTC", Due(2026, 11, 10));
        await world.AssignAsync("late", "BTC", Due(2026, 11, 10));
        await world.AssignAsync("done-in-december", "BTC", Due(2026, 11, 20));
        await world.AssignAsync("due-next-month", "BTC", Due(2026, 12, 15));
        await world.AssignAsync("extended-in-december", "BKHDT", Due(2026, 11, 25));
        await world.AssignAsync("transferred-in-december", "BKHDT", Due(2026, 12, 20));
        await world.AssignAsync("no-deadline", "BKHDT", null);
        await world.EventAsync("on-time", At(2026, 11, 5), ItemEventKind.Completed, ItemState.CompletedOnTime);
        await world.EventAsync("late", At(2026, 11, 20), ItemEventKind.Completed, ItemState.CompletedLate);

        world.Clock.Now = EndOfNovember;
        var summaryThen = await new ItemQueries(world.Storage, new ItemCountStore(world.Storage), Sample.Agencies, world.Clock).SummaryAsync(Directive);

        // December: what happens after the month's end must not change November's figures.
        await world.EventAsync("done-in-december", At(2026, 12, 2), ItemEventKind.Completed, ItemState.CompletedLate);
        await world.EventAsync("extended-in-december", At(2026, 12, 3), ItemEventKind.ExtensionGranted, ItemState.Open,
            newDue: new DateOnly(2027, 1, 31));
        await world.EventAsync("transferred-in-december", At(2026, 12, 4), ItemEventKind.Transferred, ItemState.Open, toAgency: "BTTTT");
        world.Clock.Now = At(2026, 12, 5);
        await world.AssignAsync("assigned-in-december", "BTC", Due(2026, 12, 1));
        world.Clock.Now = At(2026, 12, 10);

        var report = await world.Reports.BuildAsync(ReportPeriod.Month(2026, 11), Directive);

        Assert.Equal(EndOfNovember, report.AsOfUtc);
        Assert.Equal(summaryThen.Select(s => (s.Agency, s.CompletedOnTime, s.CompletedLate, s.InProgressWithinDeadline, s.Overdue)),
            report.Agencies.Select(r => (r.Agency, r.CompletedOnTime, r.CompletedLate, r.InProgressWithinDeadline, r.Overdue)));
        var btc = report.Agencies.Single(r => r.Agency == "BTC");
        Assert.Equal((1, 1, 1, 1), (btc.CompletedOnTime, btc.CompletedLate, btc.InProgressWithinDeadline, btc.Overdue));
        var bkhdt = report.Agencies.Single(r => r.Agency == "BKHDT");
        Assert.Equal((0, 0, 1, 1), (bkhdt.CompletedOnTime, bkhdt.CompletedLate, bkhdt.InProgressWithinDeadline, bkhdt.Overdue));
        Assert.Equal(1.0 / 3, btc.OnTimeRate!.Value, 6);

        Assert.Equal(["done-in-december", "extended-in-december"], report.Overdue.Select(o => o.Label).Order());
        var doneLater = report.Overdue.Single(o => o.Label == "done-in-december");
        Assert.Equal(10, doneLater.DaysOverdue);
        Assert.StartsWith("01/11/2026: Assigned", doneLater.LastEvent);
        Assert.Equal(new DateOnly(2026, 11, 25), report.Overdue.Single(o => o.Label == "extended-in-december").DueDate);
        Assert.Equal(["due-next-month", "transferred-in-december"], report.DueNextMonth.Select(d => d.Label));
        Assert.Equal("BKHDT", report.DueNextMonth.Single(d => d.Label == "transferred-in-december").Agency);

        // The same instant now: the summary has moved on (the December completion counts there).
        var summaryNow = await new ItemQueries(world.Storage, new ItemCountStore(world.Storage), Sample.Agencies, world.Clock).SummaryAsync(Directive);
        Assert.Equal(2, summaryNow.Single(s => s.Agency == "BTC").CompletedLate);
    }

    [Fact]
    public async Task A_report_for_the_running_month_equals_the_summary_now()
    {
        var world = await World.CreateAsync(At(2026, 11, 1));
        await world.AssignAsync("a", "BTC", Due(2026, 11, 10));
        await world.AssignAsync("b", "BTC", Due(2026, 11, 30));
        await world.EventAsync("b", At(2026, 11, 12), ItemEventKind.Completed, ItemState.CompletedOnTime);
        world.Clock.Now = At(2026, 11, 15);

        var report = await world.Reports.BuildAsync(ReportPeriod.Month(2026, 11));
        var summary = await new ItemQueries(world.Storage, new ItemCountStore(world.Storage), Sample.Agencies, world.Clock).SummaryAsync();

        Assert.Equal(world.Clock.Now, report.AsOfUtc);
        Assert.Equal(summary.Select(s => (s.Agency, s.CompletedOnTime, s.CompletedLate, s.InProgressWithinDeadline, s.Overdue)),
            report.Agencies.Select(r => (r.Agency, r.CompletedOnTime, r.CompletedLate, r.InProgressWithinDeadline, r.Overdue)));
    }

    [Fact]
    public async Task An_overdue_items_last_event_names_the_declared_actor_and_the_authenticated_caller()
    {
        var world = await World.CreateAsync(At(2026, 11, 1));
        await world.AssignAsync("a", "BTC", Due(2026, 11, 10));
        await world.EventAsync("a", At(2026, 11, 12), ItemEventKind.ProgressReported, ItemState.Open, caller: "function key");
        world.Clock.Now = At(2026, 12, 10);

        var report = await world.Reports.BuildAsync(ReportPeriod.Month(2026, 11));

        Assert.EndsWith("· test (tài khoản: function key)", report.Overdue.Single().LastEvent);
    }

    [Fact]
    public async Task The_workbook_and_the_page_show_the_counts_with_Vietnamese_dates()
    {
        var world = await World.CreateAsync(At(2026, 11, 1));
        await world.AssignAsync("a", "BTC", Due(2026, 11, 10));
        await world.AssignAsync("b", "BTC", Due(2026, 12, 3));
        world.Clock.Now = At(2026, 12, 10);
        var report = await world.Reports.BuildAsync(ReportPeriod.Month(2026, 11));

        using var workbook = SpreadsheetDocument.Open(new MemoryStream(ReportXlsx.Render(report)), false);
        var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["Tổng hợp", "Quá hạn", "Đến hạn tháng sau"], sheets);
        var rows = Rows(workbook, 0);
        var btc = rows.Single(r => r.Length > 0 && r[0] == "Bộ Tài chính");
        Assert.Equal(["0", "0", "1", "1", "2", "0"], btc.Skip(1).Take(6)); // b is due in December: in progress at the end of November
        Assert.Equal(2, Rows(workbook, 2).Count); // the heading and item b

        var html = ReportHtml.Render(report);
        Assert.Contains("lang=\"vi\"", html);
        Assert.Contains("Hoàn thành đúng hạn", html);
        Assert.Contains("số liệu tính đến hết ngày 30/11/2026", html);
        Assert.Contains("10/11/2026", html); // a's due date, dd/MM/yyyy
        Assert.Contains("03/12/2026", html);
    }

    [Theory]
    [InlineData("2026-13", null, null, "month")]
    [InlineData("2026-11", "2026-11-01", null, "month")]
    [InlineData(null, null, null, "month")]
    [InlineData(null, "2026-11-10", "2026-11-01", "to")]
    [InlineData(null, "2026-11-31", "2026-12-01", "from")]
    public void A_bad_period_names_its_field(string? month, string? from, string? to, string field)
    {
        var problems = new List<Api.FieldError>();
        Assert.Null(ReportApi.ParsePeriod(month, from, to, problems));
        Assert.Equal(field, Assert.Single(problems).Field);
    }

    private static List<string[]> Rows(SpreadsheetDocument workbook, int sheet)
    {
        var part = (WorksheetPart)workbook.WorkbookPart!.GetPartById(workbook.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().ElementAt(sheet).Id!);
        return part.Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToArray()).ToList();
    }

    private static DateTimeOffset At(int y, int m, int d) => VietnamTime.At(new DateOnly(y, m, d), new TimeOnly(9, 0));
    private static DateOnly? Due(int y, int m, int d) => new DateOnly(y, m, d);

    /// <summary>A read model on Azurite with its own table prefix, written the way the activities write it.</summary>
    private sealed class World
    {
        public required TableStorage Storage { get; init; }
        public required ItemStore Store { get; init; }
        public required ManualClock Clock { get; init; }
        public required ReportBuilder Reports { get; init; }
        public required RecordEventActivity Events { get; init; }

        public static async Task<World> CreateAsync(DateTimeOffset now)
        {
            var storage = new TableStorage(new TableServiceClient(await SharedAzurite.GetConnectionStringAsync()), TestNames.Unique("r"));
            var store = new ItemStore(storage);
            var clock = new ManualClock(now);
            return new World
            {
                Storage = storage, Store = store, Clock = clock,
                Reports = new ReportBuilder(storage, store, clock),
                Events = new RecordEventActivity(store, new ItemCountStore(storage), Sample.Agencies, new ActionLinkStore(storage)),
            };
        }

        public async Task AssignAsync(string label, string agency, DateOnly? due)
        {
            var instanceId = ItemInstanceId.For(Directive, label);
            await Store.UpsertAsync(new ItemRecord
            {
                PartitionKey = Directive, RowKey = label, InstanceId = instanceId, Task = "Nhiệm vụ " + label,
                DeadlineKind = due is null ? "None" : "Date", LeadAsWritten = agency, LeadCode = agency,
                AgencyInCharge = agency, AgencyInChargeName = Sample.Agencies.FindByCode(agency)!.Name,
                DueDate = due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DueUtc = due is { } d ? VietnamTime.EndOfDay(d) : null, State = nameof(ItemState.Open),
            });
            await Store.AppendTimelineAsync(new TimelineRecord
            {
                PartitionKey = instanceId, RowKey = RecordItemActivity.AssignedRowKey, AtUtc = Clock.Now, Kind = "Assigned", Actor = "system",
            });
        }

        public async Task EventAsync(string label, DateTimeOffset at, ItemEventKind kind, ItemState newState,
            DateOnly? newDue = null, string? toAgency = null, string? caller = null)
        {
            var item = (await Store.GetAsync(Directive, label))!;
            var due = newDue ?? (item.DueDate is { } d ? DateOnly.Parse(d, CultureInfo.InvariantCulture) : null);
            var e = new ItemEvent { EventId = $"{label}-{kind}", Kind = kind, Actor = "test", Caller = caller, AtUtc = at, NewDueDate = newDue, ToAgency = toAgency };
            var applied = new EventApplied(Directive, label, e, newState, toAgency, due, due is { } x ? VietnamTime.EndOfDay(x) : null, 0);
            // Twice: an activity runs at least once, and the second run must keep what the first recorded.
            await Events.RunAsync(new ActivityContext(item.InstanceId), applied);
            await Events.RunAsync(new ActivityContext(item.InstanceId), applied);
        }
    }

    private sealed class ActivityContext(string instanceId) : TaskActivityContext
    {
        public override TaskName Name => RecordEventActivity.Name;
        public override string InstanceId => instanceId;
    }
}
