using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Local.Durable;
using Orchestrator.Testing;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// The vertical slice on the real Durable Task backend and Azurite: an item is recorded, waits on
/// its deadline timer, escalates once when it passes, and ends when completed over HTTP.
/// </summary>
public sealed class ItemSliceTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Completion_over_http_ends_the_orchestration_on_time_and_updates_the_read_model()
    {
        var due = DateTimeOffset.UtcNow.AddHours(1);
        await StartItemAsync("2023-6411-VPCP-KTTH", "2.a.1", due);
        await WaitForItemStateAsync("2023-6411-VPCP-KTTH", "2.a.1", "Open");

        var complete = await _host.Client.PostAsJsonAsync("/api/items/2023-6411-VPCP-KTTH/2.a.1/complete",
            new { reportNumber = "125/BC-BTC", reportDate = "2023-12-20", note = "Đã hoàn thành", actor = "focal@btc.example.org" });
        Assert.Equal(HttpStatusCode.Accepted, complete.StatusCode);

        var item = await WaitForItemStateAsync("2023-6411-VPCP-KTTH", "2.a.1", "CompletedOnTime");
        Assert.Equal("Completed", item.GetProperty("runtimeStatus").GetString());
        Assert.Equal(0, item.GetProperty("item").GetProperty("level").GetInt32());
        var completion = item.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "Completed");
        Assert.Equal("focal@btc.example.org", completion.GetProperty("actor").GetString());
        Assert.Contains("125/BC-BTC", completion.GetProperty("detail").GetString());

        var again = await _host.Client.PostAsJsonAsync("/api/items/2023-6411-VPCP-KTTH/2.a.1/complete", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_passed_deadline_escalates_exactly_once_and_never_before_the_deadline()
    {
        var due = DateTimeOffset.UtcNow.AddSeconds(5);
        await StartItemAsync("2023-6411-VPCP-KTTH", "2.a.2", due);

        var item = await WaitForItemStateAsync("2023-6411-VPCP-KTTH", "2.a.2", "Overdue", TimeSpan.FromSeconds(60));
        var escalation = item.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "Escalation");
        Assert.True(escalation.GetProperty("atUtc").GetDateTimeOffset() >= due, "the escalation fired before the deadline");
        Assert.Equal(1, item.GetProperty("item").GetProperty("level").GetInt32());
        Assert.Equal("Running", item.GetProperty("runtimeStatus").GetString());

        // The orchestration's own history is the record of what it scheduled: one escalation step.
        var runtime = (DurableRuntime)_host.Services.GetService(typeof(DurableRuntime))!;
        var history = await runtime.Service.GetOrchestrationHistoryAsync("2023-6411-VPCP-KTTH:2.a.2", null);
        Assert.Equal(1, CountScheduled(history, "RecordStepActivity"));

        // Completing after the deadline counts as late.
        await _host.Client.PostAsJsonAsync("/api/items/2023-6411-VPCP-KTTH/2.a.2/complete", new { reportNumber = "9/BC" });
        await WaitForItemStateAsync("2023-6411-VPCP-KTTH", "2.a.2", "CompletedLate");
    }

    [Fact]
    public async Task Bad_requests_get_problem_details_that_name_the_field()
    {
        var unknownField = await _host.Client.PostAsJsonAsync("/api/items/2023-1-X/1/complete", new { reportNumbr = "1" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        var problem = await unknownField.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("$.reportNumbr", problem.GetProperty("errors")[0].GetProperty("field").GetString());

        var wrongType = await _host.Client.PostAsync("/api/items/2023-1-X/1",
            new StringContent("""{"task":"t","leadAgency":"BTC","dueUtc":42}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        var typeProblem = await wrongType.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("$.dueUtc", typeProblem.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Contains("ISO 8601", typeProblem.GetProperty("errors")[0].GetProperty("message").GetString());

        var badLabel = await _host.Client.GetAsync("/api/items/2023-1-X/a%23b");
        Assert.Equal(HttpStatusCode.BadRequest, badLabel.StatusCode);

        var missing = await _host.Client.GetAsync("/api/items/2023-1-X/9.9");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Calls_without_the_key_get_401_and_health_needs_none()
    {
        var anonymous = await _host.Anonymous.GetAsync("/api/items/2023-1-X/1");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, "/api/items/2023-1-X/1");
        wrongKey.Headers.Add("x-functions-key", "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Anonymous.SendAsync(wrongKey)).StatusCode);

        var health = await _host.Anonymous.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(_host.HubName, health.GetProperty("taskHub").GetString());
    }

    private async Task StartItemAsync(string directiveId, string label, DateTimeOffset due)
    {
        var response = await _host.Client.PostAsJsonAsync($"/api/items/{directiveId}/{label}",
            new { task = "Xây dựng quy chế hoạt động", leadAgency = "BKHDT", dueUtc = due });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private Task<JsonElement> WaitForItemStateAsync(string directiveId, string label, string state, TimeSpan? timeout = null) =>
        Eventually.GetAsync(
            async () =>
            {
                var response = await _host.Client.GetAsync($"/api/items/{directiveId}/{label}");
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            },
            item => item.ValueKind == JsonValueKind.Object && item.TryGetProperty("item", out var row)
                    && row.ValueKind == JsonValueKind.Object && row.GetProperty("state").GetString() == state
                    && (!state.StartsWith("Completed") || item.GetProperty("runtimeStatus").GetString() == "Completed"),
            timeout ?? TimeSpan.FromSeconds(45), $"item {label} to be {state}");

    internal static int CountScheduled(string historyJson, string activityName)
    {
        using var history = JsonDocument.Parse(historyJson);
        return history.RootElement.EnumerateArray().Count(e =>
            e.TryGetProperty("EventType", out var type) && type.GetInt32() == 4 /* TaskScheduled */
            && e.TryGetProperty("Name", out var name) && name.GetString() == activityName);
    }
}
