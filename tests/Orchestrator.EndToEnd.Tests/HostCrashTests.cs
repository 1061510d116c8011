using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>Durability: a host killed with SIGKILL while an item waits on its timer loses nothing.</summary>
public sealed class HostCrashTests
{
    [Fact]
    public async Task A_host_killed_while_an_item_waits_still_escalates_once_after_restart()
    {
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = await SharedAzurite.GetConnectionStringAsync(),
            ["TaskHubName"] = TestNames.Unique("hub"),
            ["Tables__Prefix"] = TestNames.Unique("t"),
            ["DurableTask__PartitionCount"] = "1",
            ["DurableTask__PollingIntervalSeconds"] = "1",
            ["Logging__LogLevel__DurableTask.AzureStorage"] = "Information",
            ["Api__Key"] = TestHost.ApiKey,
            ["Api__AdminKey"] = TestHost.AdminKey,
        };
        var due = DateTimeOffset.UtcNow.AddSeconds(20);

        await using (var first = await HostProcess.StartAsync(environment))
        {
            using var client = ClientFor(first);
            var started = await client.PostAsJsonAsync("/api/items/2023-6411-VPCP-KTTH/2.a.3",
                new { task = "Quy chế phối hợp", leadAgency = "BKHDT", dueUtc = due });
            started.EnsureSuccessStatusCode();
            // The custom status is saved in the same episode that creates the timer: once it shows,
            // the timer is durable. (Killing the host earlier is also safe, but the message it had
            // in hand only reappears after the control queue's visibility timeout, 5 minutes.)
            await Eventually.GetAsync(() => ItemAsync(client), i => State(i) == "Open" && i.TryGetProperty("status", out _),
                TimeSpan.FromSeconds(30), "the item to wait on its timer");
            await first.KillAsync();
        }
        Assert.True(DateTimeOffset.UtcNow < due, "the host was killed after the deadline: the test proves nothing");

        await using var second = await HostProcess.StartAsync(environment);
        using var restarted = ClientFor(second);
        // The new host waits for the dead one's partition leases to expire (about 30 s) first.
        JsonElement item;
        try
        {
            item = await Eventually.GetAsync(() => ItemAsync(restarted), i => State(i) == "Overdue",
                TimeSpan.FromSeconds(120), "the escalation after the restart");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\nRestarted host output:\n" + second.Output, e);
        }

        var escalations = item.GetProperty("timeline").EnumerateArray()
            .Where(t => t.GetProperty("kind").GetString() == "Escalation").ToList();
        var escalation = Assert.Single(escalations);
        Assert.True(escalation.GetProperty("atUtc").GetDateTimeOffset() >= due);
        Assert.Equal(1, item.GetProperty("item").GetProperty("level").GetInt32());
    }

    private static HttpClient ClientFor(HostProcess host)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add("x-functions-key", TestHost.ApiKey);
        return client;
    }

    private static async Task<JsonElement> ItemAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/items/2023-6411-VPCP-KTTH/2.a.3");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
    }

    private static string? State(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("item", out var row) && row.ValueKind == JsonValueKind.Object
            ? row.GetProperty("state").GetString() : null;
}
