using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Domain.Directives;
using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>Import of directives, the API's errors and keys, and the signed links of notices.</summary>
public sealed class DirectiveImportTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_sample_directive_imports_once_and_a_changed_copy_is_refused_with_its_differences()
    {
        var sample = DirectiveJson.SampleText("6411-VPCP-KTTH");
        var created = await _host.Client.PostAsync("/api/directives", TestDirectives.Content(sample));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2023-6411-VPCP-KTTH", body.GetProperty("directiveId").GetString());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(25, items.Count);
        Assert.Equal("2023-10-02", items.Single(i => i.GetProperty("label").GetString() == "2.a.3").GetProperty("dueDate").GetString());

        var again = await _host.Client.PostAsync("/api/directives", TestDirectives.Content(sample));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(second.GetProperty("alreadyImported").GetBoolean());
        Assert.All(second.GetProperty("items").EnumerateArray(), i => Assert.False(i.GetProperty("startedNow").GetBoolean()));

        var changed = sample.Replace("trong quý III năm 2023", "trong quý IV năm 2023");
        var refused = await _host.Client.PostAsync("/api/directives", TestDirectives.Content(changed));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("differences").EnumerateArray(), d => d.GetString()!.Contains("2.a.3"));

        // Each item's orchestration writes its row when it starts.
        await Eventually.GetAsync(() => _host.Client.GetFromJsonAsync<JsonElement>("/api/directives/2023-6411-VPCP-KTTH"),
            d => d.GetProperty("items").GetArrayLength() == 25, TimeSpan.FromSeconds(60), "all 25 items in the read model");
        // Labels numbered with Vietnamese letters ("2.đ") are items like any other.
        var letterLabel = await _host.Client.ItemAsync("2023-6411-VPCP-KTTH", Uri.EscapeDataString("2.đ"));
        Assert.Equal("2.đ", letterLabel.GetProperty("label").GetString());
        var byAgency = await _host.Client.GetFromJsonAsync<JsonElement>("/api/items?directive=2023-6411-VPCP-KTTH&agency=BTC");
        Assert.True(byAgency.GetProperty("count").GetInt32() > 0); // Planning and Investment's items are owed by Finance today
    }

    [Fact]
    public async Task The_directive_shows_the_escalation_policy_its_items_run_under()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(TestDirectives.Json("9210", new DateOnly(2026, 1, 5), ("1", new DateOnly(2026, 1, 30))));
        var request = new System.Text.Json.Nodes.JsonObject
        {
            ["directive"] = document,
            ["escalationPolicy"] = new System.Text.Json.Nodes.JsonObject { ["reminderDaysBefore"] = 10, ["level3MaxRepeats"] = 1 },
        };
        Assert.Equal(HttpStatusCode.Created, (await _host.Client.PostAsync("/api/directives", TestDirectives.Content(request.ToJsonString()))).StatusCode);

        var directive = await _host.Client.GetFromJsonAsync<JsonElement>("/api/directives/2026-9210-VPCP-KTTH");
        Assert.True(directive.GetProperty("escalationPolicyFromRequest").GetBoolean());
        var policy = directive.GetProperty("escalationPolicy");
        Assert.Equal(10, policy.GetProperty("reminderDaysBefore").GetInt32());
        Assert.Equal(1, policy.GetProperty("level3MaxRepeats").GetInt32());
    }

    [Fact]
    public async Task An_invalid_directive_is_refused_with_every_problem_named_and_nothing_stored()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(
            TestDirectives.Json("9201", new DateOnly(2026, 1, 5), ("1", new DateOnly(2026, 1, 30)), ("1", new DateOnly(2026, 2, 27))))!;
        document["items"]![0]!["lead"] = "Bộ Tài chánh"; // a misspelt agency, and label "1" twice
        var json = document.ToJsonString();
        var response = await _host.Client.PostAsync("/api/directives", TestDirectives.Content(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var fields = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("items[0].lead", fields);
        Assert.Contains(fields, f => f!.StartsWith("items[1]", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync("/api/directives/2026-9201-VPCP-KTTH")).StatusCode);

        var unknownField = await _host.Client.PostAsync("/api/directives",
            TestDirectives.Content(TestDirectives.Json("9202", new DateOnly(2026, 1, 5), ("1", new DateOnly(2026, 1, 30))).Replace("\"issuer\"", "\"isuer\"")));
        // (property names are ASCII, so the replacement above does find "issuer")
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Equal("$.isuer", (await unknownField.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("field").GetString());

        var badQuery = await _host.Client.PostAsync("/api/directives?secondsPerDay=-1", TestDirectives.Content("{}"));
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused_with_413_and_nothing_is_stored()
    {
        await using var small = await TestHost.StartAsync(new Dictionary<string, string?> { ["Api:MaxBodyBytes"] = "4096" });
        var sample = DirectiveJson.SampleText("6411-VPCP-KTTH"); // about 20 KB
        var refused = await small.Client.PostAsync("/api/directives", TestDirectives.Content(sample));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("Api__MaxBodyBytes", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await small.Client.GetAsync("/api/directives/2023-6411-VPCP-KTTH")).StatusCode);
    }

    [Fact]
    public async Task Calls_without_the_key_get_401_and_change_nothing()
    {
        var json = TestDirectives.Json("9203", new DateOnly(2026, 1, 5), ("1", new DateOnly(2026, 1, 30)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Anonymous.PostAsync("/api/directives", TestDirectives.Content(json))).StatusCode);
        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, "/api/directives/2026-9203-VPCP-KTTH");
        wrongKey.Headers.Add("x-functions-key", "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Anonymous.SendAsync(wrongKey)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync("/api/directives/2026-9203-VPCP-KTTH")).StatusCode);

        var health = await _host.Anonymous.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.False(health.TryGetProperty("taskHub", out _)); // details are for the admin health
    }

    [Fact]
    public async Task A_signed_link_from_a_notice_completes_the_item_in_the_recipients_name_and_a_tampered_one_changes_nothing()
    {
        var issued = new DateOnly(2026, 1, 5);
        var id = TestDirectives.Id("9204", issued);
        await _host.ImportAsync(TestDirectives.Json("9204", issued, ("1", new DateOnly(2026, 1, 30)))); // catch-up sends one notice
        var notice = (await _host.Client.WaitForOutboxAsync(id, "1", n => n.Count == 1, 30, "the notice")).Single();
        Assert.Equal("NotSent", notice.GetProperty("state").GetString()); // no SendGrid key: written to the outbox only
        var tokens = Regex.Matches(notice.GetProperty("text").GetString()!, @"/act/([A-Za-z0-9_\-\.]+)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, tokens.Count); // complete, progress, extension

        var completeToken = tokens[0];
        Assert.Equal(HttpStatusCode.OK, (await _host.Anonymous.GetAsync($"/act/{completeToken}")).StatusCode);
        var tampered = completeToken[..^2] + (completeToken[^2] == 'A' ? "B" : "A") + completeToken[^1];
        var refused = await _host.Anonymous.PostAsync($"/act/{tampered}", new FormUrlEncodedContent(new Dictionary<string, string> { ["reportNumber"] = "1/BC" }));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Overdue", (await _host.Client.ItemAsync(id, "1")).State());

        var done = await _host.Anonymous.PostAsync($"/act/{completeToken}", new FormUrlEncodedContent(new Dictionary<string, string> { ["reportNumber"] = "77/BC-BTC" }));
        Assert.Equal(HttpStatusCode.Accepted, done.StatusCode);
        var item = await _host.Client.WaitForStateAsync(id, "1", "CompletedLate");
        var recipient = notice.GetProperty("to")[0].GetProperty("email").GetString();
        Assert.Contains(item.GetProperty("timeline").EnumerateArray(),
            t => t.GetProperty("kind").GetString() == "Completed" && t.GetProperty("actor").GetString() == recipient);
    }
}
