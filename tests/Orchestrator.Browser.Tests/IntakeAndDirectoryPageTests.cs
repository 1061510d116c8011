using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Orchestrator.Testing;
using static Microsoft.Playwright.Assertions;

namespace Orchestrator.Browser.Tests;

/// <summary>
/// The letter import (Văn bản → Nhập từ công văn: draft beside the letter, corrected, previewed,
/// imported) and the directory (Danh bạ) that operators edit and officers only read.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class IntakeAndDirectoryPageTests(DashboardFixture fixture)
{
    /// <summary>A short letter of today with two numbered items and a number of its own, and
    /// <paramref name="shared"/> more items led by two ministries each (two tracked items each).</summary>
    private static (string Text, string Number, string DirectiveId) Letter(int shared = 0)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var number = Random.Shared.Next(70_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var due = today.AddDays(40);
        var text = $"""
            VĂN PHÒNG CHÍNH PHỦ

            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc

            Số: {number}/VPCP-KTTH

            V/v thử nghiệm nhập công văn

            Hà Nội, ngày {today.Day} tháng {today.Month} năm {today.Year}

            Kính gửi:
            - Bộ Tài chính;
            - Bộ Y tế.

            Thủ tướng Chính phủ có ý kiến chỉ đạo như sau:

            1. Giao Bộ Tài chính chủ trì, phối hợp với Bộ Y tế xây dựng đề án thử nghiệm, báo cáo Thủ tướng Chính phủ trước ngày {due:dd/MM/yyyy}.

            2. Bộ Y tế rà soát danh mục thuốc thiết yếu, báo cáo kết quả trước ngày {due.AddDays(10):dd/MM/yyyy}.
            {string.Concat(Enumerable.Range(3, shared).Select(i => $"\n{i}. Bộ Tài chính, Bộ Y tế rà soát hồ sơ số {i}, báo cáo trước ngày {due:dd/MM/yyyy}.\n"))}

            Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.

            Nơi nhận:
            - Như trên;
            - Lưu: VT, KTTH.

            KT. BỘ TRƯỞNG, CHỦ NHIỆM
            PHÓ CHỦ NHIỆM
            Nguyễn Văn An
            """;
        return (text, number, $"{today.Year}-{number}-VPCP-KTTH");
    }

    [Fact]
    public async Task A_pasted_letter_gives_a_draft_whose_corrected_lead_is_imported()
    {
        var (text, number, id) = Letter();
        var page = await fixture.SignedInAsync(TestHost.ApiKey, "#/van-ban");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập văn bản mới từ công văn" }).ClickAsync();
        await page.GetByLabel("Hoặc dán nội dung công văn").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đọc công văn" }).ClickAsync();

        // The draft's fields, and the lines a field was read from highlighted beside it.
        await Expect(page.GetByLabel("Số", new() { Exact = true })).ToHaveValueAsync(number);
        await Expect(page.GetByLabel("Ký hiệu", new() { Exact = true })).ToHaveValueAsync("VPCP-KTTH");
        var lead = page.Locator("#d-items-0-lead");
        await Expect(lead).ToHaveValueAsync("Bộ Tài chính");
        await Expect(page.Locator("#d-items-1-lead")).ToHaveValueAsync("Bộ Y tế");
        await lead.FocusAsync();
        await Expect(page.Locator("#letter-lines li.source")).ToContainTextAsync("1. Giao Bộ Tài chính chủ trì");
        await Expect(page.Locator("#not-items")).ToContainTextAsync("Thủ tướng Chính phủ có ý kiến chỉ đạo");
        await fixture.ScreenshotAsync(page, "nhap-cong-van");

        await lead.FillAsync("Bộ Quốc phòng");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem trước kế hoạch" }).ClickAsync();
        await Expect(page.Locator("#draft-plan tr[data-label='1']")).ToContainTextAsync("Bộ Quốc phòng (BQP)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập văn bản và bắt đầu theo dõi" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#/van-ban/{id}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{number}/VPCP-KTTH");
        // The items' rows are written by their orchestrations as they start: the page shows them once there.
        var directive = await Eventually.GetAsync(() => fixture.GetJsonAsync(fixture.Officer, $"/api/directives/{id}"),
            d => d.GetProperty("items").GetArrayLength() == 2, TimeSpan.FromSeconds(30), "the imported items' rows");
        Assert.Equal("BQP", directive.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("label").GetString() == "1").GetProperty("agencyInCharge").GetString());
        await page.ReloadAsync();
        var rows = page.Locator("main table tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        var first = rows.Filter(new() { HasText = "xây dựng đề án thử nghiệm" });
        await Expect(first.Locator("td[data-label='Cơ quan chủ trì']")).ToHaveTextAsync("Bộ Quốc phòng");
        await Expect(rows.Filter(new() { HasText = "rà soát danh mục thuốc" }).Locator("td[data-label='Cơ quan chủ trì']")).ToHaveTextAsync("Bộ Y tế");
        await fixture.ScreenshotAsync(page, "nhap-cong-van-da-nhap");
    }

    [Fact]
    public async Task A_letter_of_more_than_100_tracked_items_is_imported_in_the_background_with_its_progress_shown()
    {
        var (text, number, id) = Letter(shared: 50); // 2 + 50 × 2 = 102 tracked items
        await using var host = await TestHost.StartAsync(); // not on the shared host
        var page = await fixture.NewPageAsync(baseUrl: host.BaseAddress);
        await page.GotoAsync("/#/van-ban/cong-van");
        await page.GetByLabel("Khóa truy cập").FillAsync(TestHost.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.GetByLabel("Hoặc dán nội dung công văn").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đọc công văn" }).ClickAsync();
        await Expect(page.Locator("fieldset.draft-item")).ToHaveCountAsync(52);
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem trước kế hoạch" }).ClickAsync();
        await Expect(page.Locator("#draft-plan tbody tr")).ToHaveCountAsync(102);

        var imported = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/directives", StringComparison.Ordinal) && r.Request.Method == "POST");
        var polled = page.WaitForResponseAsync(r => r.Url.Contains($"/api/directives/{id}/import", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập văn bản và bắt đầu theo dõi" }).ClickAsync();
        Assert.Equal(202, (await imported).Status);
        await polled;
        // The page leaves for the directive only once its import is done.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{number}/VPCP-KTTH", new() { Timeout = 120_000 });
        using var officer = new HttpClient { BaseAddress = host.BaseAddress };
        officer.DefaultRequestHeaders.Add("x-functions-key", TestHost.ApiKey);
        var status = await officer.GetFromJsonAsync<JsonElement>($"/api/directives/{id}/import");
        Assert.Equal("done", status.GetProperty("state").GetString());
        Assert.Equal(102, status.GetProperty("started").GetInt32());
    }

    [Fact]
    public async Task An_operator_edits_a_focal_point_with_a_reason_and_the_audit_log_shows_it()
    {
        var email = $"daumoi.{Guid.NewGuid():N}@mofa.example.org";
        var page = await fixture.SignedInAsync(TestHost.AdminKey, "#/danh-ba");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sửa Bộ Ngoại giao" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("Email đầu mối")).ToHaveValueAsync("bng.daumoi@example.org");
        await dialog.GetByLabel("Email đầu mối").FillAsync(email);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Lưu thay đổi" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Cần nhập: Lý do"); // the reason is required
        await dialog.GetByLabel("Lý do").FillAsync("Bộ Ngoại giao báo đầu mối mới");
        await fixture.ScreenshotAsync(page, "danh-ba-sua");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Lưu thay đổi" }).ClickAsync();

        await Expect(page.Locator("#agencies tr[data-code='BNG']")).ToContainTextAsync(email);
        var stored = await fixture.GetJsonAsync(fixture.Operator, "/api/admin/agencies/BNG");
        Assert.Equal(email, stored.GetProperty("agency").GetProperty("contacts").GetProperty("focalPoint").GetString());
        Assert.Equal("bng.lanhdao@example.org", stored.GetProperty("agency").GetProperty("contacts").GetProperty("leadership").GetString());

        await page.GetByRole(AriaRole.Link, new() { Name = "Vận hành" }).ClickAsync();
        var audit = page.Locator("#audit tbody tr", new() { HasText = "agency:BNG" });
        await Expect(audit).ToContainTextAsync("agency-edit");
        await Expect(audit).ToContainTextAsync("Bộ Ngoại giao báo đầu mối mới");
        await Expect(audit).ToContainTextAsync("kiemthu@vpcp.example.org");
    }

    [Fact]
    public async Task An_officer_sees_the_directory_without_edit_controls_and_the_api_refuses_an_edit()
    {
        var page = await fixture.SignedInAsync(TestHost.ApiKey, "#/danh-ba");
        await Expect(page.Locator("#agencies tr[data-code='BTC']")).ToContainTextAsync("Bộ Tài chính");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Thêm cơ quan" })).ToHaveCountAsync(0);
        await Expect(page.Locator("#agencies button")).ToHaveCountAsync(0);
        await fixture.ScreenshotAsync(page, "danh-ba");

        var agency = (await fixture.GetJsonAsync(fixture.Operator, "/api/admin/agencies/BTC")).GetProperty("agency");
        var put = await fixture.Officer.PutAsync("/api/admin/agencies/BTC", new StringContent(
            JsonSerializer.Serialize(new { reason = "thử", agency }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
    }
}
