using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.Playwright;
using Orchestrator.Testing;
using Orchestrator.Workflows.Storage;
using static Microsoft.Playwright.Assertions;

namespace Orchestrator.Browser.Tests;

/// <summary>
/// The dashboard in chromium against a real local host on Azurite (the sample directive on
/// compressed time: its categories move while the tests run, so comparisons take a snapshot
/// that the API gives the same before and after).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class DashboardTests(DashboardFixture fixture)
{
    private const string Sample = DashboardFixture.SampleId;
    private static readonly string[] Categories = ["completedOnTime", "completedLate", "inProgressWithinDeadline", "overdue"];

    [Fact]
    public async Task The_overview_shows_the_numbers_of_the_summary_in_total_and_by_agency()
    {
        var page = await fixture.SignedInAsync(TestHost.ApiKey);
        await Eventually.GetAsync(async () =>
        {
            var before = (await fixture.GetJsonAsync(fixture.Officer, "/api/summary")).ToString();
            await page.GotoAsync("/ui/#/tong-quan?r=" + Guid.NewGuid().ToString("N"));
            await page.Locator("main[data-ready='tong-quan'] #by-agency").WaitForAsync();
            var shown = await ShownSummaryAsync(page);
            var after = await fixture.GetJsonAsync(fixture.Officer, "/api/summary");
            return (Stable: before == after.ToString(), Same: shown == Expected(after), Shown: shown, Api: Expected(after));
        }, r => r.Stable && r.Same, TimeSpan.FromSeconds(60), "the overview to show the summary's numbers");
        await fixture.ScreenshotAsync(page, "tong-quan");
        await page.SetViewportSizeAsync(1100, 760);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardFixture.ScreenshotFolder, "tong-quan-man-hinh.png") });

        // A number opens the list behind it.
        await page.Locator("a.tile[data-category='overdue']").ClickAsync();
        await page.Locator("main[data-ready='nhiem-vu'] #items").WaitForAsync();
        Assert.Equal("overdue", await page.Locator("#f-category").InputValueAsync());
    }

    private static string Expected(JsonElement summary) =>
        string.Join(";", Categories.Select(c => $"{c}={summary.GetProperty("totals").GetProperty(c).GetInt32()}")) + "|" +
        string.Join(";", summary.GetProperty("agencies").EnumerateArray().Select(a =>
            a.GetProperty("agency").GetString() + ":" + string.Join(",", Categories.Select(c => a.GetProperty(c).GetInt32()))));

    private static async Task<string> ShownSummaryAsync(IPage page)
    {
        var totals = new List<string>();
        foreach (var c in Categories) totals.Add($"{c}={(await page.Locator($"[data-count='{c}']").InnerTextAsync()).Trim()}");
        var rows = new List<string>();
        foreach (var row in await page.Locator("#by-agency tbody tr").AllAsync())
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            rows.Add(await row.GetAttributeAsync("data-agency") + ":" + string.Join(",", cells.Select(c => c.Trim())));
        }
        return string.Join(";", totals) + "|" + string.Join(";", rows);
    }

    [Fact]
    public async Task Items_filtered_by_agency_and_overdue_are_the_ones_the_api_lists()
    {
        var page = await fixture.SignedInAsync(TestHost.ApiKey, "#/nhiem-vu");
        await page.Locator("main[data-ready='nhiem-vu'] #items").WaitForAsync();
        await page.GetByLabel("Cơ quan chủ trì").SelectOptionAsync("BTC");
        await page.GetByLabel("Chỉ nhiệm vụ quá hạn").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("agency=BTC.*overdue=true"));

        await Eventually.GetAsync(async () =>
        {
            var before = await LabelsAsync("/api/items?agency=BTC&overdue=true");
            await page.ReloadAsync();
            await page.Locator("main[data-ready='nhiem-vu'] #items").WaitForAsync();
            var shown = string.Join(",", await page.Locator("#items tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.label).sort()"));
            var after = await LabelsAsync("/api/items?agency=BTC&overdue=true");
            return (before, shown, after);
        }, r => r.before == r.after && r.shown == r.after && r.after.Length > 0, TimeSpan.FromSeconds(60), "the filtered list to match the API");
        // Overdue is a word and an icon, not a colour alone.
        await Expect(page.Locator("#items tbody tr").First.Locator(".badge")).ToHaveTextAsync(new Regex("⚠\\s*Quá hạn"));
        await fixture.ScreenshotAsync(page, "nhiem-vu");

        // The export holds the list the server gives for the same filter: a header row and one row per item.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Xuất Excel (.xlsx)" }).ClickAsync());
        var file = Path.Combine(DashboardFixture.ScreenshotFolder, "nhiem-vu.xlsx");
        await download.SaveAsAsync(file);
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(file, false);
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count();
        var listed = (await fixture.GetJsonAsync(fixture.Officer, "/api/items?agency=BTC&overdue=true")).GetProperty("count").GetInt32();
        Assert.InRange(rows - 1, Math.Min(3, listed), listed); // items only become overdue, never the reverse, while this runs
    }

    private async Task<string> LabelsAsync(string path)
    {
        var list = await fixture.GetJsonAsync(fixture.Officer, path);
        return string.Join(",", list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("label").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Completing_an_item_from_its_page_moves_it_to_another_category_on_the_overview()
    {
        const string label = "2.a.1"; // urgent: overdue from the start on compressed time
        await Eventually.GetAsync(() => CategoryAsync(label), c => c == "overdue", TimeSpan.FromSeconds(60), $"{label} to be overdue");
        var lateBefore = (await fixture.GetJsonAsync(fixture.Officer, "/api/summary")).GetProperty("totals").GetProperty("completedLate").GetInt32();

        var page = await fixture.SignedInAsync(TestHost.ApiKey, $"#/nhiem-vu/{Sample}/{label}");
        await page.Locator("main[data-ready='nhiem-vu'] #actions").WaitForAsync();
        await fixture.ScreenshotAsync(page, "nhiem-vu-chi-tiet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Hoàn thành", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Số văn bản báo cáo").FillAsync("125/BC-BTC");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Xác nhận" }).ClickAsync();
        await Expect(page.Locator("#item-category")).ToContainTextAsync("Hoàn thành quá hạn", new() { Timeout = 30_000 });

        await page.GetByRole(AriaRole.Link, new() { Name = "Tổng quan" }).ClickAsync();
        await page.Locator("main[data-ready='tong-quan'] #by-agency").WaitForAsync();
        Assert.Equal((lateBefore + 1).ToString(CultureInfo.InvariantCulture), (await page.Locator("[data-count='completedLate']").InnerTextAsync()).Trim());
        Assert.Equal("completedLate", await CategoryAsync(label));
    }

    private async Task<string?> CategoryAsync(string label, string directive = Sample) =>
        (await fixture.GetJsonAsync(fixture.Officer, $"/api/items/{directive}/{label}")).GetProperty("item").GetProperty("category").GetString();

    [Fact]
    public async Task Granting_an_extension_shows_the_new_due_date_and_the_new_plan()
    {
        // Real time, so the new plan's steps are all ahead.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var due = today.AddDays(10);
        var newDue = new DateOnly(today.Year, 12, 30) > due ? new DateOnly(today.Year, 12, 30) : due.AddDays(20);
        var json = TestDirectives.Json("901", today.AddDays(-3), [("1", due)], "VPCP-WEB");
        var directive = $"{today.AddDays(-3).Year}-901-VPCP-WEB";
        Assert.True((await fixture.Officer.PostAsync("/api/directives", TestDirectives.Content(json))).IsSuccessStatusCode);
        await Eventually.GetAsync(() => CategoryAsync("1", directive).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null),
            c => c == "inProgressWithinDeadline", TimeSpan.FromSeconds(30), "the item to be recorded");

        var page = await fixture.SignedInAsync(TestHost.ApiKey, $"#/nhiem-vu/{directive}/1");
        await Expect(page.Locator("#due-date")).ToHaveTextAsync(due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Đồng ý gia hạn" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Hạn mới").FillAsync(newDue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await dialog.GetByLabel("Lý do").FillAsync("Chờ ý kiến các Bộ");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Xác nhận" }).ClickAsync();

        // The orchestration starts its plan 2 right after recording the event: reload until it shows.
        await Eventually.GetAsync(async () =>
        {
            await page.ReloadAsync();
            await page.Locator("main[data-ready='nhiem-vu'] #actions").WaitForAsync();
            return (Due: await page.Locator("#due-date").InnerTextAsync(), Plan: await page.Locator("#h-plan").InnerTextAsync(),
                Steps: await page.Locator("#plan tbody tr[data-step^='plan2-']").CountAsync());
        }, r => r.Due == newDue.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) && r.Plan.Contains("lần 2") && r.Steps > 0, TimeSpan.FromSeconds(30), "the new due date and plan");
        await Expect(page.Locator("#timeline li > strong", new() { HasTextRegex = new Regex("^Đồng ý gia hạn$") })).ToHaveCountAsync(1);
        await fixture.ScreenshotAsync(page, "gia-han");
    }

    [Fact]
    public async Task An_officer_key_opens_no_operations_page_and_calls_no_operations_api()
    {
        var page = await fixture.SignedInAsync(TestHost.ApiKey);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Vận hành" })).ToBeHiddenAsync();
        await page.GotoAsync("/ui/#/van-hanh");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("chỉ dành cho người vận hành");
        await Expect(page.Locator("#failed, #audit")).ToHaveCountAsync(0);

        // The API itself refuses the officer's key, whatever the page shows.
        foreach (var path in new[] { "/api/admin/instances?status=Failed", "/api/admin/audit", "/api/admin/health" })
        {
            var status = await page.EvaluateAsync<int>("async ([p, k]) => (await fetch(p, { headers: { 'x-functions-key': k } })).status",
                new object[] { path, TestHost.ApiKey });
            Assert.Equal(401, status);
        }
        var bulk = await fixture.Officer.PostAsJsonAsync("/api/admin/bulk/terminate?dryRun=true", new { reason = "x", status = "Running" });
        Assert.Equal(HttpStatusCode.Unauthorized, bulk.StatusCode);
    }

    [Fact]
    public async Task An_act_link_completes_an_item_on_a_phone()
    {
        const string label = "3.a.TN";
        var notices = await Eventually.GetAsync(async () =>
                (await fixture.GetJsonAsync(fixture.Officer, $"/api/outbox?directive={Sample}&label={label}")).GetProperty("notices").EnumerateArray().ToList(),
            n => n.Count > 0, TimeSpan.FromSeconds(120), $"a notice of {label}");
        var link = ActPath().Match(notices[0].GetProperty("text").GetString()!).Value; // the first link completes
        Assert.StartsWith("/act/", link);

        var page = await fixture.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Báo cáo hoàn thành nhiệm vụ");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "no sideways scrolling at 390 px");
        await fixture.ScreenshotAsync(page, "act");
        await page.GetByLabel("Số văn bản báo cáo").FillAsync("88/BC-HDDPV");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Đã ghi nhận");
        await fixture.ScreenshotAsync(page, "act-xong");
        await Eventually.GetAsync(() => CategoryAsync(label), c => c is "completedOnTime" or "completedLate", TimeSpan.FromSeconds(30), $"{label} completed");
    }

    [GeneratedRegex(@"/act/[A-Za-z0-9_\-\.]+")]
    private static partial Regex ActPath();

    [Fact]
    public async Task The_item_actions_work_from_the_keyboard_alone()
    {
        const string label = "2.a.5";
        var page = await fixture.SignedInAsync(TestHost.ApiKey, $"#/nhiem-vu/{Sample}/{label}");
        await page.Locator("main[data-ready='nhiem-vu'] #actions").WaitForAsync();
        var before = (await fixture.GetJsonAsync(fixture.Officer, $"/api/items/{Sample}/{label}")).GetProperty("timeline").GetArrayLength();

        // Tab from the top of the page to the progress button.
        await page.Keyboard.PressAsync("Tab");
        var reached = false;
        for (var i = 0; i < 60 && !reached; i++)
        {
            reached = await page.EvaluateAsync<string?>("() => document.activeElement?.dataset?.action") == "progress";
            if (!reached) await page.Keyboard.PressAsync("Tab");
        }
        Assert.True(reached, "the progress button is reachable with Tab");

        // Escape cancels and gives the focus back to the button.
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        Assert.Equal("progress", await page.EvaluateAsync<string?>("() => document.activeElement?.dataset?.action"));

        // Enter opens it with the focus in the first field; type, Tab to the confirmation, Enter.
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("note", await page.EvaluateAsync<string?>("() => document.activeElement?.name"));
        await page.Keyboard.TypeAsync("Đã trình dự thảo lần 1");
        for (var i = 0; i < 5 && await page.EvaluateAsync<string?>("() => document.activeElement?.textContent") != "Xác nhận"; i++)
            await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#timeline li > strong", new() { HasTextRegex = new Regex("^Báo cáo tiến độ$") }))
            .ToHaveCountAsync(1, new() { Timeout = 30_000 });
        Assert.True((await fixture.GetJsonAsync(fixture.Officer, $"/api/items/{Sample}/{label}")).GetProperty("timeline").GetArrayLength() > before);
    }

    [Fact]
    public async Task The_other_pages_show_their_data()
    {
        var page = await fixture.SignedInAsync(TestHost.AdminKey, "#/van-ban");
        await Expect(page.Locator("#directives")).ToContainTextAsync("6411/VPCP-KTTH");
        await fixture.ScreenshotAsync(page, "van-ban");
        await page.GetByRole(AriaRole.Link, new() { Name = "6411/VPCP-KTTH" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("6411/VPCP-KTTH");
        await fixture.ScreenshotAsync(page, "van-ban-chi-tiet");

        await page.GotoAsync("/ui/#/van-ban/nhap");
        var json = TestDirectives.Json("902", DateOnly.FromDateTime(DateTime.UtcNow), [("1", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40))], "VPCP-WEB");
        await page.GetByLabel("Hoặc dán nội dung JSON").FillAsync(json);
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem trước kế hoạch" }).ClickAsync();
        await Expect(page.Locator("#preview-items tbody tr")).ToHaveCountAsync(1);
        await fixture.ScreenshotAsync(page, "nhap-van-ban");
        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập văn bản và bắt đầu theo dõi" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("902/VPCP-WEB");

        await page.GetByRole(AriaRole.Link, new() { Name = "Danh bạ" }).ClickAsync();
        await Expect(page.Locator("#agencies")).ToContainTextAsync("Bộ Tài chính");
        await fixture.ScreenshotAsync(page, "danh-ba");
    }
}
