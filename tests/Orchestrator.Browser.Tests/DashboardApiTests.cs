using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Browser.Tests;

/// <summary>The endpoints the dashboard added, over HTTP: bad input is a 400 naming the field, nothing is stored by a preview.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardApiTests(DashboardFixture fixture)
{
    private HttpClient Client => fixture.Officer;

    [Theory]
    [InlineData("/api/overview?dueFrom=31-12-2026", "dueFrom")]
    [InlineData("/api/overview?dueFrom=2026-12-31&dueTo=2026-12-01", "dueTo")]
    [InlineData("/api/overview?directive=not%20an%20id", "directive")]
    [InlineData("/api/items/export?dueWithinDays=-1", "dueWithinDays")]
    [InlineData("/api/items/2023-6411-VPCP-KTTH/a%20b/plan", "label")]
    public async Task Bad_queries_are_refused_naming_the_field(string path, string field)
    {
        var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
    }

    [Fact]
    public async Task The_plan_of_an_unknown_item_is_a_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/items/{DashboardFixture.SampleId}/9.z/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/items/2020-1-VPCP-NONE/1/plan")).StatusCode);
    }

    [Fact]
    public async Task A_preview_plans_the_directive_as_the_import_reads_it_and_stores_nothing()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var json = TestDirectives.Json("904", today, [("1", today.AddDays(30)), ("2", today.AddDays(60))], "VPCP-PRE");
        var response = await Client.PostAsync("/api/directives/preview", TestDirectives.Content(json));
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, preview.ToString());
        Assert.Equal(2, preview.GetProperty("items").GetArrayLength());
        Assert.Contains(preview.GetProperty("items")[0].GetProperty("steps").EnumerateArray(), s => s.GetProperty("kind").GetString() == "Escalation");
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/directives/{today.Year}-904-VPCP-PRE")).StatusCode);

        // An unknown field is refused by name, as the import refuses it.
        var node = JsonNode.Parse(json)!;
        node["items"]![0]!["deadline"] = "soon";
        var refused = await Client.PostAsync("/api/directives/preview", TestDirectives.Content(node.ToJsonString()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("deadline", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_dashboard_files_need_no_key_and_the_data_does()
    {
        var page = await fixture.Host.Anonymous.GetAsync("/ui/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        var again = new HttpRequestMessage(HttpMethod.Get, "/ui/js/api.js");
        again.Headers.TryAddWithoutValidation("If-None-Match", (await fixture.Host.Anonymous.GetAsync("/ui/js/api.js")).Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotModified, (await fixture.Host.Anonymous.SendAsync(again)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Host.Anonymous.GetAsync("/ui/js/none.js")).StatusCode);
        foreach (var path in new[] { "/api/overview", "/api/directives", "/api/agencies", "/api/items/export" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Host.Anonymous.GetAsync(path)).StatusCode);
    }
}
