using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Escalation;
using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>Durability: a host killed with SIGKILL in the middle of a ladder loses nothing and repeats nothing.</summary>
public sealed class HostCrashTests
{
    [Fact]
    public async Task A_host_killed_mid_ladder_sends_no_duplicate_and_skips_no_step_after_restart()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = await SharedAzurite.GetConnectionStringAsync(),
            ["TaskHubName"] = TestNames.Unique("hub"),
            ["Tables__Prefix"] = TestNames.Unique("t"),
            ["DurableTask__PartitionCount"] = "1",
            ["DurableTask__PollingIntervalSeconds"] = "1",
            // The kill may catch the host holding a message (a step in flight, likelier on a loaded
            // machine): it comes back after this, not after the default 5 minutes.
            ["DurableTask__MessageVisibilitySeconds"] = "20",
            ["Api__Key"] = TestHost.ApiKey,
            ["Api__AdminKey"] = TestHost.AdminKey,
            ["Links__SigningSecret"] = TestHost.SigningSecret,
            ["SendGrid__ApiKey"] = "SG.test-key",
            ["SendGrid__BaseUrl"] = sendGrid.BaseUrl,
            ["SendGrid__FromEmail"] = "no-reply@example.org",
            ["Logging__LogLevel__DurableTask.AzureStorage"] = "Information",
        };
        var issued = new DateOnly(2026, 1, 5);
        var due = new DateOnly(2026, 1, 30);
        var id = TestDirectives.Id("9101", issued);
        // A short ladder (one level-3 repeat) on compressed time: about 30 s from the first reminder to the last step.
        var policy = EscalationPolicy.Default with { Level3MaxRepeats = 1 };
        var request = JsonSerializer.Serialize(new
        {
            directive = JsonDocument.Parse(TestDirectives.Json("9101", issued, ("1", due))).RootElement,
            escalationPolicy = policy,
        });
        var expected = EscalationPlanner.Plan(policy, due, WorkingDayCalendar.Default(), notBefore: issued);

        await using (var first = await HostProcess.StartAsync(environment))
        {
            using var client = ClientFor(first);
            var imported = await client.PostAsync("/api/directives?secondsPerDay=0.5", TestDirectives.Content(request));
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
            await client.WaitForOutboxAsync(id, "1", n => n.Any(x => x.StepId() == "reminder-3wd"), 60, "the second reminder");
            await first.KillAsync();
        }
        Assert.True(sendGrid.Requests.Count < expected.Count, "the whole ladder was sent before the kill: the test proves nothing");

        await using var second = await HostProcess.StartAsync(environment);
        using var restarted = ClientFor(second);
        try
        {
            await restarted.WaitForOutboxAsync(id, "1", n => n.Count == expected.Count && n.All(x => x.GetProperty("state").GetString() == "Sent"),
                150, "every step of the ladder after the restart");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\nRestarted host output:\n" + second.Output, e);
        }

        var keys = sendGrid.Requests.Where(r => r.AnsweredWith == 202)
            .Select(r => r.Body.GetProperty("custom_args").GetProperty("notice_key").GetString()).ToList();
        Assert.Equal(expected.Select(s => $"{id}:1|{s.StepId}"), keys); // each step once, in order, none skipped
    }

    private static HttpClient ClientFor(HostProcess host)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add("x-functions-key", TestHost.ApiKey);
        return client;
    }
}
