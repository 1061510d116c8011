using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Escalation;
using Orchestrator.Testing;
using Xunit.Abstractions;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// Issue 21: a replacement schedule for a year with running items, the host killed with SIGKILL
/// while the load asks them to re-plan, and the same file loaded again after the restart: every item
/// ends with its remaining steps on the new working days, and no notice is sent (all steps are ahead).
/// Set CALENDAR_REPLAN_ITEMS to measure a bigger hub (the figure in docs/operations.md was taken with 1,000).
/// </summary>
public sealed class CalendarReplanCrashTests(ITestOutputHelper output)
{
    private static readonly DateOnly Issued = new(2026, 11, 2);
    private static readonly DateOnly FirstDue = new(2028, 2, 21);
    /// <summary>Days the decided 2028 schedule adds to the expected one (Wednesdays and a Monday that items are due on).</summary>
    private static readonly string[] ExtraDaysOff = ["2028-03-01", "2028-03-15", "2028-04-03"];

    [Fact]
    public async Task A_host_killed_during_the_re_plan_then_the_same_load_again_leaves_every_item_on_the_new_dates()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("CALENDAR_REPLAN_ITEMS"), CultureInfo.InvariantCulture, out var n) ? n : 60;
        await using var sendGrid = await FakeSendGrid.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = await SharedAzurite.GetConnectionStringAsync(),
            ["TaskHubName"] = TestNames.Unique("hub"),
            ["Tables__Prefix"] = TestNames.Unique("t"),
            ["DurableTask__PollingIntervalSeconds"] = "1",
            ["DurableTask__MessageVisibilitySeconds"] = "20",
            ["Api__Key"] = TestHost.ApiKey,
            ["Api__AdminKey"] = TestHost.AdminKey,
            ["Api__MaxBodyBytes"] = "8000000",
            ["Links__SigningSecret"] = TestHost.SigningSecret,
            ["SendGrid__ApiKey"] = "SG.test-key",
            ["SendGrid__BaseUrl"] = sendGrid.BaseUrl,
            ["SendGrid__FromEmail"] = "no-reply@example.org",
        };
        var items = Enumerable.Range(0, count).Select(i => ((i + 1).ToString(CultureInfo.InvariantCulture), FirstDue.AddDays(i % 60))).ToArray();
        var id = TestDirectives.Id("9211", Issued);
        var policy = EscalationPolicy.Default;
        var request = JsonSerializer.Serialize(new
        {
            directive = JsonDocument.Parse(TestDirectives.Json("9211", Issued, items)).RootElement,
            escalationPolicy = policy,
        });
        var schedule = Schedule();
        var decided = WorkingDayCalendar.Default();
        decided.Replace([WorkingDayCalendar.Parse(schedule.ToJsonString(), "test")]);
        var load = "/api/admin/calendar/2028?reason=" + Uri.EscapeDataString("QĐ thử nghiệm 2028");

        await using (var first = await HostProcess.StartAsync(environment))
        {
            using var client = ClientFor(first, TestHost.ApiKey);
            using var admin = ClientFor(first, TestHost.AdminKey);
            var imported = await client.PostAsync("/api/directives", TestDirectives.Content(request));
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
            if (imported.StatusCode == HttpStatusCode.Accepted)
                await Eventually.GetAsync(async () => JsonDocument.Parse(await client.GetStringAsync(imported.Headers.Location!.ToString())).RootElement.Clone(),
                    s => s.GetProperty("state").GetString() == "done", TimeSpan.FromSeconds(Math.Max(300, count * 0.6)), "the import");
            await Eventually.GetAsync(() => RecordedAsync(client, id, count), c => c == count, TimeSpan.FromSeconds(Math.Max(300, count * 0.6)), "every item recorded");

            // Load, and kill the host as soon as the load is audited: the fan-out starts right after.
            var loading = admin.PutAsJsonAsync(load, schedule);
            await Eventually.GetAsync(async () => (await admin.GetFromJsonAsync<JsonElement>("/api/admin/audit?instanceId=calendar%3A2028"))
                .GetProperty("entries").GetArrayLength(), c => c > 0, TimeSpan.FromSeconds(60), "the load audited");
            await first.KillAsync();
            try { await loading; } catch (HttpRequestException) { } // cut off by the kill
        }

        await using var second = await HostProcess.StartAsync(environment);
        using var restarted = ClientFor(second, TestHost.ApiKey);
        using var ops = ClientFor(second, TestHost.AdminKey);
        var watch = Stopwatch.StartNew();
        var again = await ops.PutAsJsonAsync(load, schedule);
        var result = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(again.IsSuccessStatusCode, result.ToString());
        Assert.Equal(count, result.GetProperty("itemsSignalled").GetInt32());
        output.WriteLine($"{count} items: the second load signalled {result.GetProperty("itemsSignalled").GetInt32()} in {result.GetProperty("replanMs").GetInt64()} ms");

        // Checked eight at a time, only the items not yet seen on the new dates: a 1,000-item hub is
        // read in minutes on a loaded 2-core machine otherwise.
        var pending = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(items.Select(i => KeyValuePair.Create(i.Item1, true)));
        await Eventually.GetAsync(async () =>
        {
            await Parallel.ForEachAsync(pending.Keys.ToList(), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (label, ct) =>
            {
                var plan = await restarted.GetFromJsonAsync<JsonElement>($"/api/items/{id}/{label}/plan", ct);
                var words = plan.GetProperty("wordsDate").GetString()!;
                var due = decided.OnOrNextWorkingDay(DateOnly.ParseExact(words, "yyyy-MM-dd", CultureInfo.InvariantCulture));
                var expected = EscalationPlanner.Plan(policy, due, decided).Select(s => (s.StepId, s.Date)).ToList();
                var steps = plan.GetProperty("steps").EnumerateArray()
                    .Select(s => (s.GetProperty("stepId").GetString()!, DateOnly.ParseExact(s.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList();
                if (plan.GetProperty("plan").GetInt32() > 1 && plan.GetProperty("dueDate").GetString() == due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    && steps.SequenceEqual(expected))
                    pending.TryRemove(label, out _);
            });
            return pending.Count;
        }, c => c == 0, TimeSpan.FromSeconds(Math.Max(300, count * 0.9)), "every item on the new dates");
        output.WriteLine($"{count} items: the second load answered in {result.GetProperty("replanMs").GetInt64()} ms (signals), " +
                         $"every item re-planned {watch.Elapsed.TotalSeconds:F1} s after it was sent");

        // All steps are in 2028: none was due, so none may have been sent, by either host.
        Assert.Empty(await restarted.OutboxAsync(id));
        Assert.Empty(sendGrid.Requests);
    }

    private static async Task<int> RecordedAsync(HttpClient client, string directiveId, int count)
    {
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/items?directive={directiveId}&pageSize=1000");
        return list.GetProperty("items").GetArrayLength();
    }

    private static JsonObject Schedule()
    {
        var expected = ExpectedHolidays.For(2028);
        var days = expected.Holidays.Select(h => (JsonNode)new JsonObject
        {
            ["date"] = h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["name"] = h.Name,
        }).Concat(ExtraDaysOff.Select(d => (JsonNode)new JsonObject { ["date"] = d, ["name"] = "Ngày nghỉ thử nghiệm" })).ToArray();
        return new JsonObject
        {
            ["year"] = 2028, ["status"] = "official", ["source"] = "test decision", ["holidays"] = new JsonArray(days), ["workingWeekendDays"] = new JsonArray(),
        };
    }

    private static HttpClient ClientFor(HostProcess host, string key)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }
}
