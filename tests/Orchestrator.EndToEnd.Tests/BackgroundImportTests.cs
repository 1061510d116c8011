using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// A directive over the immediate limit: answered 202 with a status URL while its items start in
/// the background, and completed after a host killed halfway through, with no item started twice.
/// </summary>
public sealed class BackgroundImportTests
{
    private static readonly DateOnly Issued = new(2026, 1, 5);
    private static readonly DateOnly Due = new(2026, 6, 30);

    private static string Directive(string number, int count) => TestDirectives.Json(number, Issued,
        Enumerable.Range(1, count).Select(i => (i.ToString(CultureInfo.InvariantCulture), Due)).ToArray());

    [Fact]
    public async Task A_large_directive_answers_202_with_a_status_url_that_reports_progress_until_every_item_is_started()
    {
        await using var host = await TestHost.StartAsync();
        const int count = 300;
        var id = TestDirectives.Id("9401", Issued);

        var response = await host.Client.PostAsync("/api/directives", TestDirectives.Content(Directive("9401", count)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var statusUrl = $"/api/directives/{id}/import";
        Assert.Equal(statusUrl, response.Headers.Location?.OriginalString);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((id, count, statusUrl), (accepted.GetProperty("directiveId").GetString(), accepted.GetProperty("itemCount").GetInt32(),
            accepted.GetProperty("statusUrl").GetString()));

        var seen = new List<JsonElement>();
        var done = await Eventually.GetAsync(async () =>
        {
            var status = await host.Client.GetFromJsonAsync<JsonElement>(statusUrl);
            seen.Add(status);
            return status;
        }, s => s.GetProperty("done").GetBoolean(), TimeSpan.FromSeconds(180), "the import to be done");

        Assert.Equal(("done", count, count, 0), (done.GetProperty("state").GetString(), done.GetProperty("items").GetInt32(),
            done.GetProperty("started").GetInt32(), done.GetProperty("failed").GetInt32()));
        // Progress was reported on the way: not done at first, and never going back.
        Assert.False(seen[0].GetProperty("done").GetBoolean());
        Assert.True(seen[0].GetProperty("started").GetInt32() < count);
        var started = seen.Select(s => s.GetProperty("started").GetInt32()).ToList();
        Assert.Equal(started.Order(), started);

        var instances = await ItemInstancesAsync(AdminOf(host.BaseAddress), id);
        Assert.Equal(count, instances.Count);
    }

    [Fact]
    public async Task An_import_interrupted_by_a_killed_host_completes_after_restart_with_every_item_started()
    {
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = await SharedAzurite.GetConnectionStringAsync(),
            ["TaskHubName"] = TestNames.Unique("hub"),
            ["Tables__Prefix"] = TestNames.Unique("t"),
            ["DurableTask__PartitionCount"] = "1",
            ["DurableTask__PollingIntervalSeconds"] = "1",
            // The kill catches a batch in flight: its message comes back after this, not after 5 minutes.
            ["DurableTask__MessageVisibilitySeconds"] = "20",
            ["Api__Key"] = TestHost.ApiKey,
            ["Api__AdminKey"] = TestHost.AdminKey,
            ["Links__SigningSecret"] = TestHost.SigningSecret,
        };
        const int count = 500;
        var id = TestDirectives.Id("9402", Issued);
        var statusUrl = $"/api/directives/{id}/import";
        Dictionary<string, (string Status, DateTimeOffset Created)> beforeKill;

        await using (var first = await HostProcess.StartAsync(environment))
        {
            using var client = ClientFor(first.BaseAddress, TestHost.ApiKey);
            var response = await client.PostAsync("/api/directives", TestDirectives.Content(Directive("9402", count)));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var halfway = await Eventually.GetAsync(() => client.GetFromJsonAsync<JsonElement>(statusUrl),
                s => s.GetProperty("started").GetInt32() > 0 || s.GetProperty("done").GetBoolean(), TimeSpan.FromSeconds(120), "a first batch");
            Assert.False(halfway.GetProperty("done").GetBoolean(), "the import ended before the kill: the test proves nothing");
            beforeKill = await ItemInstancesAsync(AdminOf(first.BaseAddress), id);
            await first.KillAsync();
        }
        Assert.InRange(beforeKill.Count, 1, count - 1);

        await using var second = await HostProcess.StartAsync(environment);
        using var restarted = ClientFor(second.BaseAddress, TestHost.ApiKey);
        JsonElement done;
        try
        {
            done = await Eventually.GetAsync(() => restarted.GetFromJsonAsync<JsonElement>(statusUrl),
                s => s.GetProperty("done").GetBoolean(), TimeSpan.FromSeconds(240), "the import to be done after the restart");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\nRestarted host output:\n" + second.Output, e);
        }

        Assert.Equal((count, 0), (done.GetProperty("started").GetInt32(), done.GetProperty("failed").GetInt32()));
        var after = await ItemInstancesAsync(AdminOf(second.BaseAddress), id);
        Assert.Equal(Enumerable.Range(1, count).Select(i => $"{id}:{i}").Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        // Each item once (ids are per item), every one alive. That a re-run batch starts nothing twice is
        // DirectiveImporterTests' (a running instance's creation time here is rewritten by the framework, so it proves nothing).
        Assert.All(after.Values, a => Assert.Contains(a.Status, new[] { "Pending", "Running" }));
    }

    private static HttpClient ClientFor(Uri baseAddress, string key)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }

    private static HttpClient AdminOf(Uri baseAddress) => ClientFor(baseAddress, TestHost.AdminKey);

    /// <summary>The directive's item instances and when each was created (the admin listing, by id prefix).</summary>
    private static async Task<Dictionary<string, (string Status, DateTimeOffset Created)>> ItemInstancesAsync(HttpClient admin, string directiveId)
    {
        using (admin)
        {
            var found = new Dictionary<string, (string, DateTimeOffset)>();
            string? continuation = null;
            do
            {
                var page = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/instances?prefix={Uri.EscapeDataString(directiveId + ":")}&limit=1000" +
                    (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation)));
                foreach (var instance in page.GetProperty("instances").EnumerateArray())
                    found.Add(instance.GetProperty("instanceId").GetString()!,
                        (instance.GetProperty("runtimeStatus").GetString()!, instance.GetProperty("createdAt").GetDateTimeOffset()));
                continuation = page.TryGetProperty("continuation", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            } while (continuation is not null);
            return found;
        }
    }
}
