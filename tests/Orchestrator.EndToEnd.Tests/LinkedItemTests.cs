using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Common;
using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// The format's links on the real backend (issue 10, §2): an item whose date waits for an event
/// recorded through the API, one that waits for another item's completion, a deliverable that
/// completes with its parts, and an unknown coordinating agency that is only a warning.
/// </summary>
public sealed class LinkedItemTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private const string Directive = """
        {
          "number": "9301", "code": "VPCP-KTTH", "issueDate": "2026-11-23", "issuer": "Văn phòng Chính phủ",
          "subject": "V/v kiểm thử nhiệm vụ liên kết", "documentType": "thongBao",
          "items": [
            { "label": "1", "kind": "task", "text": "Xây dựng đề án.", "lead": "Bộ Tài chính", "deadlinePhrase": "ngày 31/12/2026" },
            { "label": "2", "kind": "task", "text": "Hoàn thiện hồ sơ trước khi trình Thủ tướng Chính phủ.", "lead": "Bộ Xây dựng",
              "coordinating": ["Ban Không Có Thật"], "deadlinePhrase": "trước khi trình Thủ tướng Chính phủ",
              "dueAfter": { "event": "trình Thủ tướng Chính phủ", "offsetDays": 10 } },
            { "label": "3", "kind": "task", "text": "Tổ chức thực hiện đề án sau khi hoàn thành.", "lead": "Bộ Tài chính",
              "dueAfter": { "item": "1", "offsetDays": 5 } },
            { "label": "4", "kind": "task", "text": "Báo cáo tổng hợp.", "lead": "Bộ Tài chính", "deadlinePhrase": "ngày 31/12/2026" },
            { "label": "4.a", "kind": "task", "text": "Phần a.", "lead": "Bộ Tài chính", "deadlinePhrase": "ngày 31/12/2026", "parent": "4" },
            { "label": "4.b", "kind": "task", "text": "Phần b.", "lead": null, "leads": ["Bộ Công Thương", "Bộ Xây dựng"],
              "deadlinePhrase": "ngày 31/12/2026", "parent": "4" }
          ]
        }
        """;

    private const string Id = "2026-9301-VPCP-KTTH";

    [Fact]
    public async Task Waiting_items_are_dated_by_their_event_or_item_and_a_deliverable_completes_with_its_parts()
    {
        var import = await _host.ImportAsync(Directive.Replace("\"lead\": null, ", ""));
        var warning = Assert.Single(import.GetProperty("warnings").EnumerateArray());
        Assert.Equal("items[1].coordinating[0]", warning.GetProperty("field").GetString());
        Assert.Equal(["1", "2", "3", "4", "4.a", "4.b.BCT", "4.b.BXD"],
            import.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("label").GetString()));

        // Item 2 waits for its event: no date until it is recorded.
        var waiting = await Eventually.GetAsync(() => _host.Client.ItemAsync(Id, "2"),
            i => i.State() == "Open" && i.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Object,
            TimeSpan.FromSeconds(30), "item 2 to be recorded");
        Assert.False(waiting.GetProperty("item").TryGetProperty("dueDate", out var none) && none.ValueKind != JsonValueKind.Null);
        Assert.Equal("event \"trình Thủ tướng Chính phủ\"", waiting.GetProperty("status").GetProperty("waitingFor").GetString());

        var unknown = await _host.Client.PostJsonAsync($"/api/directives/{Id}/events", new { @event = "họp Chính phủ" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("trình Thủ tướng Chính phủ", await unknown.Content.ReadAsStringAsync());

        var recorded = await _host.Client.PostJsonAsync($"/api/directives/{Id}/events",
            new { @event = "Trình Thủ tướng Chính phủ", date = "2026-12-14", actor = "officer@vpcp.example.org" });
        Assert.Equal(HttpStatusCode.Accepted, recorded.StatusCode);
        Assert.Equal(["2"], (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        // 14/12/2026 + 10 days = Thursday 24/12/2026.
        var dated = await Eventually.GetAsync(() => _host.Client.ItemAsync(Id, "2"),
            i => i.GetProperty("item").TryGetProperty("dueDate", out var due) && due.GetString() == "2026-12-24", TimeSpan.FromSeconds(30), "item 2 to be dated");
        Assert.Equal("inProgressWithinDeadline", dated.GetProperty("item").GetProperty("category").GetString());
        Assert.Contains(dated.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "DateRecorded");

        // Item 3 waits for item 1: completing 1 dates 3 five days on, rolled to a working day.
        var before = VietnamTime.Today(DateTimeOffset.UtcNow);
        await _host.Client.PostJsonAsync($"/api/items/{Id}/1/complete", new { reportNumber = "1/BC-BTC" });
        await _host.Client.WaitForStateAsync(Id, "1", "CompletedOnTime");
        var calendar = WorkingDayCalendar.Default();
        var expected = new[] { before, VietnamTime.Today(DateTimeOffset.UtcNow) }
            .Select(d => calendar.OnOrNextWorkingDay(d.AddDays(5)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();
        await Eventually.GetAsync(() => _host.Client.ItemAsync(Id, "3"),
            i => i.GetProperty("item").TryGetProperty("dueDate", out var due) && due.GetString() is { } day && expected.Contains(day), TimeSpan.FromSeconds(30),
            "item 3 to be dated after item 1");

        // The deliverable shows its parts' categories and completes when they have.
        foreach (var part in new[] { "4.a", "4.b.BCT" })
        {
            await _host.Client.PostJsonAsync($"/api/items/{Id}/{part}/complete", new { reportNumber = "x" });
            await _host.Client.WaitForStateAsync(Id, part, "CompletedOnTime");
        }
        var parent = await Eventually.GetAsync(() => _host.Client.ItemAsync(Id, "4"),
            i => i.TryGetProperty("parts", out var parts) && parts.GetArrayLength() == 3
                 && i.GetProperty("status").GetProperty("parts").EnumerateArray().Count(p => p.TryGetProperty("ended", out var e) && e.ValueKind != JsonValueKind.Null) == 2,
            TimeSpan.FromSeconds(30), "the deliverable to see two parts ended");
        Assert.Equal(["completedOnTime", "completedOnTime", "inProgressWithinDeadline"],
            parent.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("category").GetString()));
        Assert.Equal("Open", parent.State());

        await _host.Client.PostJsonAsync($"/api/items/{Id}/4.b.BXD/complete", new { reportNumber = "y" });
        var done = await _host.Client.WaitForStateAsync(Id, "4", "CompletedOnTime");
        Assert.Equal("completedOnTime", done.GetProperty("item").GetProperty("category").GetString());
    }
}
