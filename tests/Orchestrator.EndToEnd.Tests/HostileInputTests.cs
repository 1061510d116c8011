using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// Issue 23 on a running local host: writes that are not JSON are refused, answers are not cached,
/// text the stores cannot hold is refused, a rebase out of range is a 400, and each event records
/// the caller the host authenticated beside the name it declares.
/// </summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private static readonly DateOnly Issued = new(2026, 1, 5);
    private TestHost _host = null!;
    private string _directiveId = "";

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        await _host.ImportAsync(TestDirectives.Json("923", Issued, [("1", new DateOnly(2026, 12, 30))]));
        _directiveId = TestDirectives.Id("923", Issued);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_event_records_the_authenticated_caller_beside_the_declared_actor()
    {
        var response = await _host.Client.PostJsonAsync($"/api/items/{_directiveId}/1/progress", new { note = "đã họp", actor = "Bộ trưởng (tự xưng)" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var item = await Eventually.GetAsync(() => _host.Client.ItemAsync(_directiveId, "1"),
            i => i.GetProperty("timeline").EnumerateArray().Any(t => t.GetProperty("kind").GetString() == "ProgressReported"),
            TimeSpan.FromSeconds(60), "the progress in the timeline");
        var entry = item.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "ProgressReported");
        Assert.Equal("Bộ trưởng (tự xưng)", entry.GetProperty("actor").GetString());
        Assert.Equal("function key", entry.GetProperty("caller").GetString());
    }

    [Fact]
    public async Task A_json_body_sent_as_text_plain_or_a_form_is_a_415_and_raises_nothing()
    {
        foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded" })
        {
            using var content = new StringContent("{\"reason\":\"cross-site\"}", Encoding.UTF8, type);
            using var response = await _host.Client.PostAsync($"/api/items/{_directiveId}/1/withdraw", content);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Contains("application/json", await response.Content.ReadAsStringAsync());
        }
        var item = await _host.Client.ItemAsync(_directiveId, "1");
        Assert.DoesNotContain(item.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "Withdrawn");
    }

    [Fact]
    public async Task Api_answers_are_not_cached_or_sniffed_and_the_html_report_has_the_dashboards_headers()
    {
        using var summary = await _host.Client.GetAsync("/api/summary");
        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        Assert.True(summary.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", summary.Headers.GetValues("X-Content-Type-Options").Single());

        using var problem = await _host.Client.GetAsync("/api/items?dueWithinDays=-1");
        Assert.True(problem.Headers.CacheControl?.NoStore);

        using var report = await _host.Client.GetAsync("/api/reports/monthly?month=2026-01&format=html");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("default-src 'none'", report.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-referrer", report.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", report.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_preview_rebased_to_the_end_of_time_is_a_400_naming_rebaseTo()
    {
        using var response = await _host.Client.PostAsync("/api/directives/preview?rebaseTo=9999-12-31",
            TestDirectives.Content(TestDirectives.Json("924", Issued, [("1", new DateOnly(2026, 12, 30))])));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("rebaseTo", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Text_with_a_non_character_is_refused_in_an_item_and_an_event_and_the_export_still_answers()
    {
        var directive = JsonNode.Parse(TestDirectives.Json("925", Issued, [("1", new DateOnly(2026, 12, 30))]))!;
        directive["items"]![0]!["text"] = "rà soát\uFFFF dự án";
        using var import = await _host.Client.PostAsync("/api/directives", TestDirectives.Content(directive.ToJsonString()));
        Assert.Equal(HttpStatusCode.BadRequest, import.StatusCode);
        Assert.Contains("U+FFFF", await import.Content.ReadAsStringAsync());

        using var progress = await _host.Client.PostAsJsonAsync($"/api/items/{_directiveId}/1/progress", new { note = "ghi chú\uFFFE" });
        Assert.Equal(HttpStatusCode.BadRequest, progress.StatusCode);
        Assert.Contains("note", await progress.Content.ReadAsStringAsync());

        using var export = await _host.Client.GetAsync("/api/items/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var report = await _host.Client.GetAsync("/api/reports/monthly?month=2026-01");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
    }
}
