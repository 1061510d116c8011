using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Testing;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Notices;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// Input checked at the door: ids in one grammar that every route can reach, every text field within
/// its limit, and malformed requests answered with a 400 problem naming the field, never a 500 and
/// never an item that fails later.
/// </summary>
public sealed class InputLimitTests : IAsyncLifetime
{
    private static readonly DateOnly Issued = new(2026, 1, 5);
    private static readonly DateOnly Due = new(2026, 12, 30);
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string Directive(string number, string label = "1", string code = "VPCP-KTTH", string? text = null)
    {
        var json = JsonNode.Parse(TestDirectives.Json(number, Issued, [(label, Due)], code))!;
        if (text is not null) json["items"]![0]!["text"] = text;
        return json.ToJsonString();
    }

    private async Task<(HttpStatusCode Status, List<string> Fields)> SendAsync(HttpRequestMessage request, HttpClient? client = null) =>
        (await SendForDetailAsync(request, client)) is var r ? (r.Status, r.Fields) : default;

    private async Task<(HttpStatusCode Status, List<string> Fields, string Body)> SendForDetailAsync(HttpRequestMessage request, HttpClient? client = null)
    {
        using var response = await (client ?? _host.Client).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var fields = new List<string>();
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            && JsonDocument.Parse(text).RootElement.TryGetProperty("errors", out var errors))
            fields = errors.EnumerateArray().Select(e => e.GetProperty("field").GetString()!).ToList();
        return (response.StatusCode, fields, text);
    }

    private static HttpRequestMessage Post(string path, string body, string contentType = "application/json") =>
        new(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };

    private static HttpRequestMessage PostForm(string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        new(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };

    private async Task AssertRefusedAsync(HttpRequestMessage request, string field, HttpClient? client = null)
    {
        var (status, fields, body) = await SendForDetailAsync(request, client);
        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge,
            $"{request.Method} {request.RequestUri}: expected 400 or 413 naming {field}, got {(int)status}");
        Assert.True(fields.Contains(field), $"{request.Method} {request.RequestUri}: expected {field} named, got [{string.Join(", ", fields)}]: {body}");
    }

    /// <summary>Imports a one-item directive and waits until its item runs (its row is in the read model).</summary>
    private async Task<string> ImportRunningAsync(string number)
    {
        await _host.ImportAsync(Directive(number));
        var id = TestDirectives.Id(number, Issued);
        await Eventually.GetAsync(() => _host.Client.ItemAsync(id, "1"), i => i.State() is not null, TimeSpan.FromSeconds(30), "the item to run");
        return id;
    }

    [Fact]
    public async Task Import_refuses_labels_and_codes_outside_the_id_grammar_and_overlong_texts_naming_the_field()
    {
        var number = 9500;
        foreach (var label in new[] { "1/2", "1\u00002", "<b>1</b>", "1:2", "1\n", new string('1', 40_000) })
            await AssertRefusedAsync(Post("/api/directives", Directive((number++).ToString(CultureInfo.InvariantCulture), label: label)), "items[0].label");
        foreach (var code in new[] { "VPCP/KTTH", "VPCP\r\nKTTH" })
            await AssertRefusedAsync(Post("/api/directives", Directive((number++).ToString(CultureInfo.InvariantCulture), code: code)), "code");
        await AssertRefusedAsync(Post("/api/directives", Directive((number++).ToString(CultureInfo.InvariantCulture), text: new string('x', 40_000))), "items[0].text");

        // Nothing of them was started.
        var list = await _host.Client.GetFromJsonAsync<JsonElement>("/api/items");
        Assert.Equal(0, list.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_code_with_a_Vietnamese_letter_is_reachable_by_every_route_and_by_its_links()
    {
        var json = Directive("9510", code: "NĐ-CP");
        var imported = await _host.ImportAsync(json);
        var directiveId = imported.GetProperty("directiveId").GetString()!;
        Assert.Equal("2026-9510-NĐ-CP", directiveId);
        var escaped = Uri.EscapeDataString(directiveId);

        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync($"/api/directives/{escaped}")).StatusCode);
        await Eventually.GetAsync(() => _host.Client.ItemAsync(escaped, "1"), i => i.State() is not null,
            TimeSpan.FromSeconds(30), "the item in the read model");
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync($"/api/items?directive={escaped}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync($"/api/outbox?directive={escaped}&label=1")).StatusCode);

        var token = _host.Services.GetRequiredService<ActionTokens>()
            .CreateToken(ItemInstanceId.For(directiveId, "1"), NoticeAction.Progress, "focal@btc.example.org");
        Assert.Equal(HttpStatusCode.OK, (await _host.Anonymous.GetAsync($"/act/{token}")).StatusCode);
        var (status, _) = await SendAsync(PostForm($"/act/{token}", [new("note", "Đã gửi dự thảo")]), _host.Anonymous);
        Assert.Equal(HttpStatusCode.Accepted, status);
        await Eventually.GetAsync(() => _host.Client.ItemAsync(escaped, "1"),
            i => i.GetProperty("timeline").EnumerateArray().Any(t => t.GetProperty("kind").GetString() == "ProgressReported"),
            TimeSpan.FromSeconds(30), "the progress report in the timeline");
    }

    [Fact]
    public async Task A_policy_out_of_range_is_refused_naming_each_field()
    {
        var body = new JsonObject
        {
            ["directive"] = JsonNode.Parse(Directive("9520")),
            ["escalationPolicy"] = new JsonObject { ["level3MaxRepeats"] = 1_000_000, ["level3RepeatEveryDays"] = 0 },
        };
        var (status, fields) = await SendAsync(Post("/api/directives", body.ToJsonString()));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["escalationPolicy.level3RepeatEveryDays", "escalationPolicy.level3MaxRepeats"], fields);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync("/api/directives/2026-9520-VPCP-KTTH")).StatusCode);
    }

    [Fact]
    public async Task Overlong_or_control_character_texts_are_refused_naming_the_field_and_the_item_stays_healthy()
    {
        var id = await ImportRunningAsync("9530");
        var longText = new string('x', 40_000);
        var item = $"/api/items/{id}/1";

        await AssertRefusedAsync(Post(item + "/progress", JsonSerializer.Serialize(new { note = longText })), "note");
        await AssertRefusedAsync(Post(item + "/progress", JsonSerializer.Serialize(new { note = "ok", actor = longText })), "actor");
        await AssertRefusedAsync(Post(item + "/complete", JsonSerializer.Serialize(new { reportNumber = longText })), "reportNumber");
        await AssertRefusedAsync(Post(item + "/withdraw", JsonSerializer.Serialize(new { reason = "a\u0000b" })), "reason");
        await AssertRefusedAsync(Post(item + "/transfer", JsonSerializer.Serialize(new { toAgency = longText, reason = "r" })), "toAgency");
        var withHeader = Post(item + "/progress", JsonSerializer.Serialize(new { note = "ok" }));
        withHeader.Headers.Add("x-actor", new string('a', 500));
        await AssertRefusedAsync(withHeader, "x-actor");

        var token = _host.Services.GetRequiredService<ActionTokens>()
            .CreateToken(ItemInstanceId.For(id, "1"), NoticeAction.Progress, "focal@btc.example.org");
        await AssertRefusedAsync(PostForm($"/act/{token}", [new("note", longText)]), "note", _host.Anonymous);
        await AssertRefusedAsync(PostForm($"/act/{token}", [new("note", "a\u0000b")]), "note", _host.Anonymous);

        using var admin = new HttpClient { BaseAddress = _host.BaseAddress };
        admin.DefaultRequestHeaders.Add("x-functions-key", TestHost.AdminKey);
        await AssertRefusedAsync(Post($"/api/admin/instances/{Uri.EscapeDataString(id + ":1")}/suspend",
            JsonSerializer.Serialize(new { reason = longText })), "reason", admin);
        await AssertRefusedAsync(Post($"/api/admin/instances/{Uri.EscapeDataString(id + ":1")}/raise", JsonSerializer.Serialize(new
        {
            reason = "replay a report",
            eventName = ItemEvent.Name,
            eventData = new { eventId = "e1", kind = "progressReported", actor = "ops", atUtc = DateTimeOffset.UtcNow, note = longText },
        })), "eventData.note", admin);

        // None of it reached the item: it runs on, with nothing but its start in its timeline.
        var state = await _host.Client.ItemAsync(id, "1");
        Assert.Equal("Running", state.GetProperty("runtimeStatus").GetString());
        Assert.DoesNotContain(state.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "ProgressReported");
    }

    [Fact]
    public async Task Malformed_requests_are_400_problems_that_name_the_field()
    {
        var id = await ImportRunningAsync("9540");
        var item = $"/api/items/{id}/1";

        // An escaped lone surrogate: valid JSON syntax, not a valid string.
        var (status, _) = await SendAsync(Post(item + "/progress", """{"note":"\ud800"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, _) = await SendAsync(Post("/api/directives", Directive("9541").Replace("\"text\":\"", "\"text\":\"\\udc00")));
        Assert.Equal(HttpStatusCode.BadRequest, status);

        foreach (var secondsPerDay in new[] { "Infinity", "1e300", "NaN", "-1" })
            await AssertRefusedAsync(Post($"/api/directives?secondsPerDay={secondsPerDay}", Directive("9542")), "secondsPerDay");
        await AssertRefusedAsync(Post("/api/directives?rebaseTo=9999-12-31", Directive("9543")), "rebaseTo");
        await AssertRefusedAsync(new HttpRequestMessage(HttpMethod.Get, "/api/items?dueWithinDays=2147483647"), "dueWithinDays");
        // A grant re-plans the item from the new date: a date it could not plan is refused, not left to fail the item.
        foreach (var newDueDate in new[] { "9999-12-31", "2099-06-30" })
            await AssertRefusedAsync(Post(item + "/extension", JsonSerializer.Serialize(new { action = "grant", newDueDate, reason = "r" })), "newDueDate");

        var token = _host.Services.GetRequiredService<ActionTokens>()
            .CreateToken(ItemInstanceId.For(id, "1"), NoticeAction.Progress, "focal@btc.example.org");
        await AssertRefusedAsync(PostForm($"/act/{token}", Enumerable.Range(0, 2000).Select(i => new KeyValuePair<string, string>($"f{i}", "x"))),
            "$form", _host.Anonymous);
        var badMultipart = new HttpRequestMessage(HttpMethod.Post, $"/act/{token}")
        {
            Content = new StringContent("--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nunterminated", Encoding.UTF8),
        };
        badMultipart.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        await AssertRefusedAsync(badMultipart, "$form", _host.Anonymous);
        await AssertRefusedAsync(PostForm($"/act/{token}", [new("note", "ok"), new("rogue", "x")]), "rogue", _host.Anonymous);

        Assert.Equal("Running", (await _host.Client.ItemAsync(id, "1")).GetProperty("runtimeStatus").GetString());
    }
}
