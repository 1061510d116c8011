using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Playwright;
using Orchestrator.Testing;
using Orchestrator.Workflows.Storage;
using static Microsoft.Playwright.Assertions;

namespace Orchestrator.Browser.Tests;

/// <summary>
/// The operations page on a host of its own: an item is made to fail for real (its read model's
/// Timeline table is deleted under the running host, as the EndToEnd admin tests do), the storage
/// recovers, and the operator rewinds it from the page.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class OperationsPageTests(DashboardFixture fixture)
{
    [Fact]
    public async Task An_operator_rewinds_a_failed_item_and_the_audit_log_shows_it()
    {
        await using var host = await TestHost.StartAsync();
        using var admin = new HttpClient { BaseAddress = host.BaseAddress };
        admin.DefaultRequestHeaders.Add("x-functions-key", TestHost.AdminKey);
        var timeline = new TableServiceClient(host.StorageConnectionString).GetTableClient(host.TablePrefix + ItemStore.TimelineTable);
        var storage = (TableStorage)host.Services.GetService(typeof(TableStorage))!;
        await storage.GetTableAsync(ItemStore.TimelineTable);
        await timeline.DeleteAsync();

        var issued = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2);
        var json = TestDirectives.Json("903", issued, [("1", issued.AddDays(40))], "VPCP-OPS");
        Assert.True((await host.Client.PostAsync("/api/directives", TestDirectives.Content(json))).IsSuccessStatusCode);
        var id = $"{issued.Year}-903-VPCP-OPS:1";
        await Eventually.GetAsync(() => admin.GetFromJsonAsync<JsonElement>($"/api/admin/instances/{Uri.EscapeDataString(id)}"),
            i => i.GetProperty("runtimeStatus").GetString() == "Failed", TimeSpan.FromSeconds(60), "the item to fail");
        await timeline.CreateIfNotExistsAsync();

        var page = await fixture.NewPageAsync(baseUrl: host.BaseAddress);
        await page.GotoAsync("/");
        await page.GetByLabel("Khóa truy cập").FillAsync(TestHost.AdminKey);
        await page.GetByLabel("Tên hoặc email của bạn").FillAsync("ops@vpcp.example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Vận hành" }).ClickAsync();

        var row = page.Locator($"#failed tr[data-instance='{id}']");
        await Expect(row).ToContainTextAsync("The table specified does not exist");
        await fixture.ScreenshotAsync(page, "van-hanh");
        await row.GetByRole(AriaRole.Button, new() { Name = "Chạy lại từ chỗ lỗi (rewind)" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Xác nhận" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Cần nhập: Lý do"); // the reason is required
        await dialog.GetByLabel("Lý do").FillAsync("Bảng Timeline đã được khôi phục");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Xác nhận" }).ClickAsync();

        var audit = page.Locator("#audit tbody tr", new() { HasText = "rewind" });
        await Expect(audit).ToContainTextAsync("Bảng Timeline đã được khôi phục");
        await Expect(audit).ToContainTextAsync("ops@vpcp.example.org");
        await Expect(audit).ToContainTextAsync(id);
        await fixture.ScreenshotAsync(page, "van-hanh-nhat-ky");
        // The Azure Storage backend shows a rewound instance Pending until its next episode.
        var status = (await Eventually.GetAsync(() => admin.GetFromJsonAsync<JsonElement>($"/api/admin/instances/{Uri.EscapeDataString(id)}"),
            i => i.GetProperty("runtimeStatus").GetString() is "Running" or "Pending", TimeSpan.FromSeconds(60), "the item to run again"))
            .GetProperty("runtimeStatus").GetString()!;

        // A bulk action runs only after a dry run of the same filter; the dry run changes nothing.
        var run = page.GetByRole(AriaRole.Button, new() { Name = "Thực hiện" });
        await Expect(run).ToBeDisabledAsync();
        await page.GetByLabel("Thao tác", new() { Exact = true }).SelectOptionAsync("terminate");
        await page.GetByLabel("Trạng thái tiến trình").SelectOptionAsync(status);
        await page.GetByLabel("Mã tiến trình bắt đầu bằng").FillAsync(id);
        await page.Locator("#b-reason").FillAsync("Thử dừng");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chạy thử (không thay đổi gì)" }).ClickAsync();
        await Expect(page.Locator("#bulk-report")).ToContainTextAsync("Chạy thử: khớp 1");
        await Expect(run).ToBeEnabledAsync();
        await page.Locator("#b-reason").FillAsync("Lý do khác");
        await Expect(run).ToBeDisabledAsync(); // another filter needs its own dry run
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>($"/api/admin/instances/{Uri.EscapeDataString(id)}")).GetProperty("runtimeStatus").GetString(),
            new[] { "Running", "Pending" });
    }

    [Fact]
    public async Task An_operator_sends_again_a_notice_of_unknown_delivery_from_the_page()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        var settings = TestHost.SendingTo(sendGrid);
        settings["SendGrid:RequestTimeout"] = "00:00:01";
        sendGrid.Hold(); // the call is taken and never answered: its outcome is unknown
        await using var host = await TestHost.StartAsync(settings);
        using var admin = new HttpClient { BaseAddress = host.BaseAddress };
        admin.DefaultRequestHeaders.Add("x-functions-key", TestHost.AdminKey);
        var issued = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-40);
        var json = TestDirectives.Json("904", issued, [("1", issued.AddDays(20))], "VPCP-OPS");
        Assert.True((await host.Client.PostAsync("/api/directives", TestDirectives.Content(json))).IsSuccessStatusCode);
        var instanceId = $"{issued.Year}-904-VPCP-OPS:1";
        await Eventually.GetAsync(() => admin.GetFromJsonAsync<JsonElement>("/api/admin/notices/unknown"),
            l => l.GetProperty("count").GetInt32() == 1, TimeSpan.FromSeconds(60), "the notice to wait for a decision");
        sendGrid.Release();

        var page = await fixture.NewPageAsync(baseUrl: host.BaseAddress);
        await page.GotoAsync("/");
        await page.GetByLabel("Khóa truy cập").FillAsync(TestHost.AdminKey);
        await page.GetByLabel("Tên hoặc email của bạn").FillAsync("ops@vpcp.example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Vận hành" }).ClickAsync();

        var row = page.Locator("#unknown tbody tr", new() { HasText = instanceId });
        await Expect(row).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "van-hanh-thong-bao-chua-ro");
        await row.GetByRole(AriaRole.Button, new() { Name = "Gửi lại một lần" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Lý do").FillAsync("Không có trong nhật ký SendGrid");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Xác nhận" }).ClickAsync();

        await Expect(page.Locator("#h-unknown")).ToContainTextAsync("(0)");
        var audit = page.Locator("#audit tbody tr", new() { HasText = "notice-resend" });
        await Expect(audit).ToContainTextAsync("Không có trong nhật ký SendGrid");
        Assert.Equal(2, sendGrid.Received); // the call of unknown outcome, and the operator's one
    }
}
