using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Escalation;
using Orchestrator.Testing;
using Orchestrator.Workflows.Items;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// The item lifecycle on the real Durable Task backend and Azurite, with compressed time (a
/// property of each item's frozen input): reminders, escalations, completion, extension,
/// withdrawal, transfer and catch-up, with notices sent through the real SendGrid client to a
/// local endpoint that plays SendGrid's API.
/// </summary>
public sealed class ItemLifecycleTests : IAsyncLifetime
{
    private static readonly DateOnly Issued = new(2026, 1, 5); // a Monday
    private static readonly DateOnly Due = new(2026, 1, 30);   // a Friday
    private FakeSendGrid _sendGrid = null!;
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _sendGrid = await FakeSendGrid.StartAsync();
        _host = await TestHost.StartAsync(TestHost.SendingTo(_sendGrid));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _sendGrid.DisposeAsync();
    }

    [Fact]
    public async Task An_item_never_completed_gets_every_notice_of_its_ladder_once_in_order_to_the_right_recipients_never_early()
    {
        const double secondsPerDay = 0.3;
        var json = TestDirectives.Json("9001", Issued, ("1", Due));
        var id = TestDirectives.Id("9001", Issued);
        await _host.ImportAsync(json, $"?secondsPerDay={secondsPerDay}");

        var expected = EscalationPlanner.Plan(EscalationPolicy.Default, Due, WorkingDayCalendar.Default(), notBefore: Issued);
        var notices = await _host.Client.WaitForOutboxAsync(id, "1", n => n.Count == expected.Count && n.All(x => x.GetProperty("state").GetString() == "Sent"),
            90, "every notice of the ladder to be sent");

        // Once each, in the order of the plan.
        var sentKeys = _sendGrid.Requests.Where(r => r.AnsweredWith == 202)
            .Select(r => r.Body.GetProperty("custom_args").GetProperty("notice_key").GetString()!).ToList();
        Assert.Equal(expected.Select(s => $"{id}:1|{s.StepId}"), sentKeys);

        // Never before its time: each request reached SendGrid at or after the step's instant.
        var directive = await _host.Client.GetFromJsonAsync<JsonElement>($"/api/directives/{id}");
        var time = new TimeScale(0, secondsPerDay, directive.GetProperty("importedUtc").GetDateTimeOffset(), Issued);
        var timeline = (await _host.Client.ItemAsync(id, "1")).GetProperty("timeline").EnumerateArray()
            .Where(t => t.GetProperty("kind").GetString() is "Reminder" or "Escalation").ToList();
        Assert.Equal(expected.Count, timeline.Count);
        foreach (var (step, entry) in expected.Zip(timeline))
            Assert.True(entry.GetProperty("atUtc").GetDateTimeOffset() >= time.ToReal(step.FiresAt), $"{step.StepId} fired early");

        // The right recipients: level 1 the lead's focal point with the coordinating agency in copy,
        // level 2 the lead's leadership, level 3 the standing body (the tracking office).
        var byStep = notices.ToDictionary(n => n.StepId());
        Assert.Contains("btc", To(byStep["escalation-1"]));
        Assert.Contains(Cc(byStep["escalation-1"]), a => a.Contains("bxd"));
        Assert.NotEqual(To(byStep["escalation-1"]), To(byStep["escalation-2"]));
        Assert.Contains("btc", To(byStep["escalation-2"]));
        Assert.Contains("vpcp", To(byStep["escalation-3"]));
        Assert.Contains("Kính gửi", byStep["escalation-1"].GetProperty("text").GetString());

        var item = await _host.Client.ItemAsync(id, "1");
        Assert.Equal(3, item.GetProperty("item").GetProperty("level").GetInt32());
        Assert.Equal("overdue", item.GetProperty("item").GetProperty("category").GetString());
        Assert.Equal("Running", item.GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task Completion_before_the_deadline_is_on_time_after_it_is_late_and_the_summary_counts_both()
    {
        var json = TestDirectives.Json("9002", Issued, ("1", Due), ("2", Due));
        var id = TestDirectives.Id("9002", Issued);
        await _host.ImportAsync(json, "?secondsPerDay=0.5");

        var onTime = await _host.Client.PostJsonAsync($"/api/items/{id}/1/complete",
            new { reportNumber = "125/BC-BTC", reportDate = "2026-01-20", actor = "focal@btc.example.org" });
        Assert.Equal(HttpStatusCode.Accepted, onTime.StatusCode);
        var first = await _host.Client.WaitForStateAsync(id, "1", "CompletedOnTime");
        Assert.Equal("completedOnTime", first.GetProperty("item").GetProperty("category").GetString());
        Assert.Contains(first.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("actor").GetString() == "focal@btc.example.org");

        // Item 2 is completed only after its first escalation has gone out.
        await _host.Client.WaitForOutboxAsync(id, "2", n => n.Any(x => x.StepId() == "escalation-1"), 60, "escalation-1 of item 2");
        await _host.Client.PostJsonAsync($"/api/items/{id}/2/complete", new { reportNumber = "200/BC-BTC" });
        var second = await _host.Client.WaitForStateAsync(id, "2", "CompletedLate");
        Assert.Equal("completedLate", second.GetProperty("item").GetProperty("category").GetString());

        var again = await _host.Client.PostJsonAsync($"/api/items/{id}/2/complete", new { reportNumber = "200/BC-BTC" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyCompleted").GetBoolean());
        var progressOnEnded = await _host.Client.PostJsonAsync($"/api/items/{id}/2/progress", new { note = "x" });
        Assert.Equal(HttpStatusCode.Conflict, progressOnEnded.StatusCode);

        var summary = await _host.Client.GetFromJsonAsync<JsonElement>($"/api/summary?directive={id}");
        var btc = summary.GetProperty("agencies").EnumerateArray().Single(a => a.GetProperty("agency").GetString() == "BTC");
        Assert.Equal(1, btc.GetProperty("completedOnTime").GetInt32());
        Assert.Equal(1, btc.GetProperty("completedLate").GetInt32());
        Assert.Equal(0, btc.GetProperty("overdue").GetInt32());
    }

    [Fact]
    public async Task An_extension_granted_after_escalation_sends_the_new_plans_notices_once_each_after_the_new_date_and_keeps_both_plans_in_the_timeline()
    {
        var json = TestDirectives.Json("9003", Issued, ("1", Due));
        var id = TestDirectives.Id("9003", Issued);
        await _host.ImportAsync(json, "?secondsPerDay=0.5");
        await _host.Client.WaitForOutboxAsync(id, "1", n => n.Any(x => x.StepId() == "escalation-1" && x.GetProperty("state").GetString() == "Sent"),
            45, "escalation-1 of the first plan");

        var newDue = new DateOnly(2026, 3, 13); // a Friday: reminders on 27/2 and 10/3, escalation-1 on 16/3
        var grant = await _host.Client.PostJsonAsync($"/api/items/{id}/1/extension",
            new { action = "grant", newDueDate = newDue, reason = "Chờ ý kiến các Bộ", actor = "officer@vpcp.example.org" });
        Assert.Equal(HttpStatusCode.Accepted, grant.StatusCode);
        await Eventually.GetAsync(() => _host.Client.ItemAsync(id, "1"),
            i => i.GetProperty("item").GetProperty("dueDate").GetString() == "2026-03-13", TimeSpan.FromSeconds(30), "the new due date");

        // The second plan's notices have keys of their own, so the outbox sends them although the
        // first plan's reminders and escalation-1 have gone out under the same step ids.
        string[] secondPlan = ["plan2-reminder-14d", "plan2-reminder-3wd", "plan2-escalation-1"];
        var notices = await _host.Client.WaitForOutboxAsync(id, "1",
            n => secondPlan.All(k => n.Any(x => x.StepId() == k && x.GetProperty("state").GetString() == "Sent")), 90, "the second plan's notices");
        var sentKeys = _sendGrid.Requests.Where(r => r.AnsweredWith == 202)
            .Select(r => r.Body.GetProperty("custom_args").GetProperty("notice_key").GetString()!).ToList();
        Assert.Equal(sentKeys.Count, sentKeys.Distinct().Count());
        Assert.Equal(["reminder-14d", "reminder-3wd", "escalation-1", .. secondPlan], sentKeys.Select(k => k[(k.IndexOf('|') + 1)..]).Take(6));

        // The new escalation waits for the new deadline.
        var directive = await _host.Client.GetFromJsonAsync<JsonElement>($"/api/directives/{id}");
        var time = new TimeScale(0, 0.5, directive.GetProperty("importedUtc").GetDateTimeOffset(), Issued);
        var sentAt = notices.Single(x => x.StepId() == "plan2-escalation-1").GetProperty("createdUtc").GetDateTimeOffset();
        Assert.True(sentAt >= time.ToReal(VietnamTime.EndOfDay(newDue)), "the second plan's escalation-1 went out before the extended deadline");

        // The timeline keeps the first plan's escalation next to the second's.
        var timeline = (await _host.Client.ItemAsync(id, "1")).GetProperty("timeline").EnumerateArray()
            .Select(t => t.GetProperty("detail").GetString() ?? "").ToList();
        Assert.Contains(timeline, d => d.StartsWith("escalation-1 (level 1", StringComparison.Ordinal) && d.Contains("notice Sent"));
        Assert.Contains(timeline, d => d.StartsWith("escalation-1 of plan 2 (level 1", StringComparison.Ordinal) && d.Contains("notice Sent"));
        Assert.Contains(timeline, d => d.Contains("new due date 13/03/2026"));
    }

    [Fact]
    public async Task Withdrawal_ends_the_item_uncounted_and_a_transfer_routes_later_notices_to_the_new_agency()
    {
        var json = TestDirectives.Json("9004", Issued, ("1", Due), ("2", Due));
        var id = TestDirectives.Id("9004", Issued);
        await _host.ImportAsync(json, "?secondsPerDay=0.4");

        var missingReason = await _host.Client.PostJsonAsync($"/api/items/{id}/1/withdraw", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missingReason.StatusCode);
        await _host.Client.PostJsonAsync($"/api/items/{id}/1/withdraw", new { reason = "Nhiệm vụ không còn phù hợp" });
        var withdrawn = await _host.Client.WaitForStateAsync(id, "1", "Withdrawn");
        Assert.Equal("notCountedWithdrawn", withdrawn.GetProperty("item").GetProperty("category").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await _host.Client.PostJsonAsync($"/api/items/{id}/1/complete", new { })).StatusCode);

        var unknown = await _host.Client.PostJsonAsync($"/api/items/{id}/2/transfer", new { toAgency = "Bộ Không Có", reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        await _host.Client.PostJsonAsync($"/api/items/{id}/2/transfer", new { toAgency = "Bộ Xây dựng", reason = "Chuyển chức năng" });
        await Eventually.GetAsync(() => _host.Client.ItemAsync(id, "2"),
            i => i.GetProperty("item").GetProperty("agencyInCharge").GetString() == "BXD", TimeSpan.FromSeconds(30), "the transfer");
        var notices = await _host.Client.WaitForOutboxAsync(id, "2", n => n.Any(x => x.StepId() == "escalation-1"), 60, "escalation-1");
        Assert.Contains("bxd", To(notices.Single(x => x.StepId() == "escalation-1")));
        Assert.Empty(await _host.Client.OutboxAsync(id, "1"));
    }

    [Fact]
    public async Task An_item_imported_after_its_dates_have_passed_sends_one_notice_at_the_level_reached()
    {
        // Real time: the deadline (30/01/2026) and the whole ladder are months in the past.
        var json = TestDirectives.Json("9005", Issued, ("1", Due));
        var id = TestDirectives.Id("9005", Issued);
        await _host.ImportAsync(json);

        var notices = await _host.Client.WaitForOutboxAsync(id, "1", n => n.Count >= 1, 30, "the catch-up notice");
        var item = await _host.Client.WaitForStateAsync(id, "1", "Overdue");
        var notice = Assert.Single(await _host.Client.OutboxAsync(id, "1"));
        Assert.Equal("escalation-3-repeat-3", notice.StepId());
        Assert.Equal(3, item.GetProperty("item").GetProperty("level").GetInt32());
        Assert.Contains(item.GetProperty("timeline").EnumerateArray(),
            t => t.GetProperty("detail").GetString()!.Contains("catch-up: 7 earlier step(s) not sent"));
        Assert.Single(_sendGrid.Requests);
    }

    [Fact]
    public async Task SendGrid_answering_429_then_202_sends_the_notice_once()
    {
        _sendGrid.Script(Reply.TooMany("1"), Reply.Accepted());
        var json = TestDirectives.Json("9006", Issued, ("1", Due));
        var id = TestDirectives.Id("9006", Issued);
        await _host.ImportAsync(json); // catch-up: exactly one notice

        var notices = await _host.Client.WaitForOutboxAsync(id, "1", n => n.Count == 1 && n[0].GetProperty("state").GetString() == "Sent", 30, "the notice to be sent");
        Assert.Equal(2, notices[0].GetProperty("attempts").GetInt32());
        Assert.Equal([429, 202], _sendGrid.Requests.Select(r => r.AnsweredWith));
    }

    private static string To(JsonElement notice) =>
        string.Join(",", notice.GetProperty("to").EnumerateArray().Select(a => a.GetProperty("email").GetString()));

    private static IEnumerable<string> Cc(JsonElement notice) =>
        notice.GetProperty("cc").EnumerateArray().Select(a => a.GetProperty("email").GetString()!);
}
