using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Orchestrator.Testing;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// Makes the real item orchestration fail in a controlled, deterministic way: the read model's
/// Timeline table is deleted under the running host (after the host has opened it), so the first
/// activity, RecordItemActivity, writes the item row and then gets 404 TableNotFound on its timeline
/// entry. It is not retried, so the instance ends Failed with that reason. Recreating the table is
/// "the storage recovered". No test-only orchestrator, no fake backend.
/// </summary>
internal sealed class AdminFixture(TestHost host)
{
    public TestHost Host => host;
    public HttpClient Admin { get; } = CreateAdmin(host);

    private static HttpClient CreateAdmin(TestHost host)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("x-functions-key", TestHost.AdminKey);
        client.DefaultRequestHeaders.Add("x-operator", "ops-test@example.org");
        return client;
    }

    private TableClient Timeline => new TableServiceClient(host.StorageConnectionString)
        .GetTableClient(host.TablePrefix + ItemStore.TimelineTable);

    public async Task BreakTimelineAsync()
    {
        var storage = (TableStorage)host.Services.GetService(typeof(TableStorage))!;
        await storage.GetTableAsync(ItemStore.TimelineTable); // the host has opened (and created) it
        await Timeline.DeleteAsync();
    }

    public async Task RepairTimelineAsync() => await Timeline.CreateIfNotExistsAsync();

    public Task StartItemAsync(string directiveId, string label, DateTimeOffset? due = null) =>
        StartItemsAsync(directiveId, [label], due);

    /// <summary>
    /// Imports a directive whose id is <paramref name="directiveId"/> (year-number-code) with these
    /// items, each due on the given day (30 days from now by default), so their instance ids are
    /// "{directiveId}:{label}". A directive is imported once: give all its labels in one call.
    /// </summary>
    public async Task StartItemsAsync(string directiveId, IReadOnlyList<string> labels, DateTimeOffset? due = null)
    {
        var parts = directiveId.Split('-', 3);
        var issued = new DateOnly(int.Parse(parts[0], CultureInfo.InvariantCulture), 1, 5);
        var dueDay = DateOnly.FromDateTime((due ?? DateTimeOffset.UtcNow.AddDays(30)).UtcDateTime);
        var json = TestDirectives.Json(parts[1], issued, labels.Select(l => (l, dueDay)).ToArray(), parts[2]);
        var response = await host.Client.PostAsync("/api/directives", TestDirectives.Content(json));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted, $"import: {(int)response.StatusCode} {text}");
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            // A large directive starts its items in the background: wait until every one is started.
            var status = response.Headers.Location!.ToString();
            await Eventually.GetAsync(async () => JsonDocument.Parse(await host.Client.GetStringAsync(status)).RootElement.Clone(),
                s => s.GetProperty("state").GetString() == "done", TimeSpan.FromSeconds(120), $"the import of {directiveId}");
        }
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await Admin.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, object? body)
    {
        var response = body is null ? await Admin.PostAsync(path, null) : await Admin.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static string Escape(string instanceId) => Uri.EscapeDataString(instanceId);

    public Task<JsonElement> WaitForStatusAsync(string instanceId, string status, TimeSpan? timeout = null) =>
        Eventually.GetAsync(
            () => GetJsonAsync($"/api/admin/instances/{Escape(instanceId)}"),
            i => i.GetProperty("runtimeStatus").GetString() == status,
            timeout ?? TimeSpan.FromSeconds(45), $"{instanceId} to be {status}");

    public Task<JsonElement> WaitForCountAsync(string status, string prefix, int count, TimeSpan? timeout = null) =>
        Eventually.GetAsync(
            () => GetJsonAsync($"/api/admin/instances?status={status}&prefix={Uri.EscapeDataString(prefix)}&limit=1000"),
            l => l.GetProperty("count").GetInt32() >= count,
            timeout ?? TimeSpan.FromSeconds(60), $"{count} {status} instances under {prefix}");

    public async Task<IReadOnlyList<JsonElement>> AuditAsync(string? instanceId = null)
    {
        var day = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var query = instanceId is null ? $"/api/admin/audit?date={day}" : $"/api/admin/audit?date={day}&instanceId={Uri.EscapeDataString(instanceId)}";
        var audit = await GetJsonAsync(query);
        return audit.GetProperty("entries").EnumerateArray().ToList();
    }

    /// <summary>How many times the given activity was scheduled in the instance's current history (the framework's own record).</summary>
    public async Task<int> ScheduledCountAsync(string instanceId, string activity)
    {
        var runtime = (Orchestrator.Local.Durable.DurableRuntime)host.Services.GetService(typeof(Orchestrator.Local.Durable.DurableRuntime))!;
        using var history = JsonDocument.Parse(await runtime.Service.GetOrchestrationHistoryAsync(instanceId, null));
        return history.RootElement.EnumerateArray().Count(e =>
            e.TryGetProperty("EventType", out var type) && type.GetInt32() == 4 /* TaskScheduled */
            && e.TryGetProperty("Name", out var name) && name.GetString() == activity);
    }
}
