using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Domain.Calendar;
using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>The working-day calendar past its data files (issue 21): deadlines in expected years
/// import and say so, extensions into them are granted, and a year's official schedule loaded at run
/// time through the admin API is checked, stored, audited and re-plans the running items it moves.</summary>
public sealed class CalendarScheduleTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private AdminFixture _ops = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        _ops = new AdminFixture(_host);
    }

    public async Task DisposeAsync()
    {
        _ops.Admin.Dispose();
        await _host.DisposeAsync();
    }

    private static JsonObject Schedule2028(params (string Date, string Name)[] extra)
    {
        var expected = ExpectedHolidays.For(2028);
        var days = new JsonArray(expected.Holidays.Select(h => (JsonNode)new JsonObject
        {
            ["date"] = h.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["name"] = h.Name,
        }).Concat(extra.Select(e => (JsonNode)new JsonObject { ["date"] = e.Date, ["name"] = e.Name })).ToArray());
        return new JsonObject
        {
            ["year"] = 2028, ["status"] = "official", ["source"] = "test decision 2028", ["holidays"] = days, ["workingWeekendDays"] = new JsonArray(),
        };
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PutAsync(string path, JsonNode body)
    {
        var response = await _ops.Admin.PutAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task A_directive_due_in_an_expected_year_imports_says_expected_and_takes_an_extension_to_2031()
    {
        var json = JsonNode.Parse(TestDirectives.Json("211", new DateOnly(2025, 1, 24), [("1", new DateOnly(2030, 12, 31))]))!;
        json["items"]![0]!["deadlinePhrase"] = "trong Quý IV năm 2030";
        await _host.ImportAsync(json.ToJsonString());
        var id = TestDirectives.Id("211", new DateOnly(2025, 1, 24));
        var item = await Eventually.GetAsync(() => _host.Client.ItemAsync(id, "1"), i => i.State() is not null, TimeSpan.FromSeconds(60), "item 1 recorded");
        Assert.Equal("2030-12-31", item.GetProperty("item").GetProperty("dueDate").GetString());
        Assert.True(item.GetProperty("item").GetProperty("dueDateExpected").GetBoolean());

        var grant = await _host.Client.PostJsonAsync($"/api/items/{id}/1/extension",
            new { action = "grant", newDueDate = "2031-03-31", reason = "kế hoạch giai đoạn 2026-2030 kéo dài" });
        Assert.True(grant.StatusCode == HttpStatusCode.Accepted, await grant.Content.ReadAsStringAsync());
        var extended = await Eventually.GetAsync(() => _host.Client.ItemAsync(id, "1"),
            i => i.State() is not null && i.GetProperty("item").GetProperty("dueDate").GetString() == "2031-03-31", TimeSpan.FromSeconds(60), "the extension applied");
        Assert.True(extended.GetProperty("item").GetProperty("dueDateExpected").GetBoolean());
    }

    [Fact]
    public async Task A_bad_schedule_is_refused_naming_each_field_and_nothing_is_stored()
    {
        var bad = Schedule2028();
        bad["status"] = "draft";
        bad["holidays"]![0]!["date"] = "2029-01-01";
        var (status, problem) = await PutAsync("/api/admin/calendar/2028?reason=test", bad);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("status", fields);
        Assert.Contains("holidays[0].date", fields);

        var (wrongYear, wrongYearProblem) = await PutAsync("/api/admin/calendar/2029?reason=test", Schedule2028());
        Assert.Equal(HttpStatusCode.BadRequest, wrongYear);
        Assert.Equal("year", wrongYearProblem.GetProperty("errors")[0].GetProperty("field").GetString());
        var (outside, _) = await PutAsync("/api/admin/calendar/2100?reason=test", Schedule2028());
        Assert.Equal(HttpStatusCode.BadRequest, outside);
        var (noReason, noReasonProblem) = await PutAsync("/api/admin/calendar/2028", Schedule2028());
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        Assert.Equal("reason", noReasonProblem.GetProperty("errors")[0].GetProperty("field").GetString());

        var list = await _ops.GetJsonAsync("/api/admin/calendar");
        Assert.DoesNotContain(list.GetProperty("decided").EnumerateArray(), y => y.GetProperty("year").GetInt32() == 2028);
    }

    [Fact]
    public async Task A_loaded_schedule_is_stored_audited_listed_and_re_plans_the_running_item_it_moves()
    {
        // Due Wednesday 1 March 2028 by its words; the decided schedule makes that day a day off.
        var issued = new DateOnly(2026, 11, 2);
        await _host.ImportAsync(TestDirectives.Json("212", issued, [("1", new DateOnly(2028, 3, 1))]));
        var id = TestDirectives.Id("212", issued);
        var before = await Eventually.GetAsync(() => _host.Client.ItemAsync(id, "1"), i => i.State() is not null, TimeSpan.FromSeconds(60), "item 1 recorded");
        Assert.Equal("2028-03-01", before.GetProperty("item").GetProperty("dueDate").GetString());
        Assert.True(before.GetProperty("item").GetProperty("dueDateExpected").GetBoolean());

        var (status, loaded) = await PutAsync("/api/admin/calendar/2028?reason=" + Uri.EscapeDataString("QĐ 1/2027 (test)"),
            Schedule2028(("2028-03-01", "Ngày nghỉ thử nghiệm")));
        Assert.True(status == HttpStatusCode.OK, loaded.ToString());
        Assert.True(loaded.GetProperty("itemsSignalled").GetInt32() >= 1, loaded.ToString());

        var after = await Eventually.GetAsync(() => _host.Client.ItemAsync(id, "1"),
            i => i.State() is not null && i.GetProperty("item").GetProperty("dueDate").GetString() == "2028-03-02", TimeSpan.FromSeconds(60),
            "the item re-planned onto the next working day");
        Assert.False(after.GetProperty("item").GetProperty("dueDateExpected").GetBoolean());
        Assert.Contains(after.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "CalendarChanged");

        var list = await _ops.GetJsonAsync("/api/admin/calendar");
        var row = Assert.Single(list.GetProperty("decided").EnumerateArray(), y => y.GetProperty("year").GetInt32() == 2028);
        Assert.Equal("loaded", row.GetProperty("origin").GetString());
        Assert.Equal("official", row.GetProperty("status").GetString());
        var audit = await _ops.GetJsonAsync("/api/admin/audit?instanceId=" + Uri.EscapeDataString("calendar:2028"));
        var entry = Assert.Single(audit.GetProperty("entries").EnumerateArray());
        Assert.Equal("calendar-load", entry.GetProperty("action").GetString());
        Assert.Equal("QĐ 1/2027 (test)", entry.GetProperty("reason").GetString());
    }
}
