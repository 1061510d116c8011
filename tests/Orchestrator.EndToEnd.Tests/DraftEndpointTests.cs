using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>POST /api/drafts on the local host: behind the API key, a letter in, its draft out.</summary>
public sealed class DraftEndpointTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static readonly string Seed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seeds", "6411-VPCP-KTTH-2023-08-19.txt"));

    [Fact]
    public async Task The_seed_letter_is_drafted_with_its_items_and_plan()
    {
        using var content = new StringContent(Seed, Encoding.UTF8, "text/plain");
        using var response = await _host.Client.PostAsync("/api/drafts?today=2026-11-27", content);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var directive = body.GetProperty("directive");
        Assert.Equal("2023-6411", $"{directive.GetProperty("issueDate").GetString()![..4]}-{directive.GetProperty("number").GetString()}");
        Assert.Equal(22, directive.GetProperty("items").GetArrayLength());
        var planned = body.GetProperty("plan").GetProperty("items").EnumerateArray().ToList();
        var item = planned.Single(r => r.GetProperty("label").GetString() == "2.a.3");
        Assert.Equal("2023-10-02", item.GetProperty("dueDate").GetString());
    }

    [Fact]
    public async Task A_draft_needs_the_api_key()
    {
        using var content = new StringContent(Seed, Encoding.UTF8, "text/plain");
        using var response = await _host.Anonymous.PostAsync("/api/drafts", content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
