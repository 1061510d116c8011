using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>Small helpers over the HTTP API, so tests read like what a user does.</summary>
internal static class Api
{
    public static async Task<JsonElement> ImportAsync(this TestHost host, string json, string query = "")
    {
        var response = await host.Client.PostAsync("/api/directives" + query, TestDirectives.Content(json));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"import failed: {(int)response.StatusCode} {body}");
        return body;
    }

    public static async Task<JsonElement> ItemAsync(this HttpClient client, string directiveId, string label)
    {
        var response = await client.GetAsync($"/api/items/{directiveId}/{label}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
    }

    public static string? State(this JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("item", out var row) && row.ValueKind == JsonValueKind.Object
            ? row.GetProperty("state").GetString() : null;

    public static Task<JsonElement> WaitForStateAsync(this HttpClient client, string directiveId, string label, string state,
        int seconds = 60) =>
        Eventually.GetAsync(() => client.ItemAsync(directiveId, label),
            i => i.State() == state && (!state.StartsWith("Completed", StringComparison.Ordinal) && state != "Withdrawn" || i.GetProperty("runtimeStatus").GetString() == "Completed"),
            TimeSpan.FromSeconds(seconds), $"item {label} to be {state}");

    public static async Task<List<JsonElement>> OutboxAsync(this HttpClient client, string directiveId, string? label = null)
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/outbox?directive={directiveId}" + (label is null ? "" : $"&label={label}"));
        return body.GetProperty("notices").EnumerateArray().ToList();
    }

    public static Task<List<JsonElement>> WaitForOutboxAsync(this HttpClient client, string directiveId, string label,
        Func<List<JsonElement>, bool> done, int seconds, string what) =>
        Eventually.GetAsync(() => client.OutboxAsync(directiveId, label), done, TimeSpan.FromSeconds(seconds), what);

    public static string StepId(this JsonElement notice) => notice.GetProperty("stepId").GetString()!;

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body);
}
