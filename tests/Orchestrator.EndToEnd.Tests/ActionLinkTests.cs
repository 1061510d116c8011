using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Testing;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Notices;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// The rules of the links in notices: each link works once; when the item ends or is transferred
/// every earlier link of it stops working; the /act pages are not cached, leak no referrer and
/// run under a strict content security policy.
/// </summary>
public sealed partial class ActionLinkTests : IAsyncLifetime
{
    private static readonly DateOnly Issued = new(2026, 1, 5); // a Monday
    private static readonly DateOnly Due = new(2026, 1, 30);
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_completion_link_works_once_and_a_second_use_says_it_is_already_done()
    {
        var (id, links) = await CatchUpItemAsync("9301");

        var first = await PostAsync(links.Complete, ("reportNumber", "77/BC-BTC"));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var firstEventId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").GetString();

        var second = await PostAsync(links.Complete, ("reportNumber", "78/BC-BTC"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var body = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("alreadyDone").GetBoolean());
        Assert.Equal(firstEventId, body.GetProperty("eventId").GetString());
        Assert.Contains("already", body.GetProperty("message").GetString());

        var item = await _host.Client.WaitForStateAsync(id, "1", "CompletedLate");
        var completed = Assert.Single(Timeline(item), t => t.GetProperty("kind").GetString() == "Completed");
        Assert.Contains("77/BC-BTC", completed.GetProperty("detail").GetString());

        // Opening the used link again says so instead of showing the form.
        var reopened = await _host.Anonymous.GetAsync(links.Complete);
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        Assert.True((await reopened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyDone").GetBoolean());
    }

    [Fact]
    public async Task A_progress_link_works_once_and_raises_nothing_the_second_time()
    {
        var (id, links) = await CatchUpItemAsync("9302");

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(links.Progress, ("note", "Đã trình dự thảo"))).StatusCode);
        var again = await PostAsync(links.Progress, ("note", "Lần thứ hai"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyDone").GetBoolean());
        var item = await Eventually.GetAsync(() => _host.Client.ItemAsync(id, "1"),
            i => Timeline(i).Any(t => t.GetProperty("kind").GetString() == "ProgressReported"), TimeSpan.FromSeconds(30), "the progress report");
        Assert.DoesNotContain(Timeline(item), t => t.GetProperty("detail").GetString()!.Contains("Lần thứ hai"));
    }

    [Fact]
    public async Task When_an_item_ends_its_earlier_links_stop_working_and_opening_one_says_the_item_is_done()
    {
        var (id, links) = await CatchUpItemAsync("9303");
        await _host.Client.PostJsonAsync($"/api/items/{id}/1/complete", new { reportNumber = "5/BC-BTC", actor = "officer@vpcp.example.org" });
        await _host.Client.WaitForStateAsync(id, "1", "CompletedLate");

        await AssertStoppedAsync(links, "was completed");
    }

    [Fact]
    public async Task A_transfer_stops_the_old_agencys_links_and_the_new_agency_gets_links_of_its_own_with_its_next_notice()
    {
        var json = TestDirectives.Json("9304", Issued, ("1", Due));
        var id = TestDirectives.Id("9304", Issued);
        await _host.ImportAsync(json, "?secondsPerDay=0.4");
        var first = (await _host.Client.WaitForOutboxAsync(id, "1", n => n.Count >= 1, 30, "the first reminder"))[0];
        Assert.Contains("btc", To(first));
        var old = LinksOf(first);

        Assert.Equal(HttpStatusCode.Accepted, (await _host.Client.PostJsonAsync($"/api/items/{id}/1/transfer",
            new { toAgency = "BXD", reason = "Chuyển chức năng" })).StatusCode);
        await Eventually.GetAsync(() => _host.Client.ItemAsync(id, "1"),
            i => i.GetProperty("item").GetProperty("agencyInCharge").GetString() == "BXD", TimeSpan.FromSeconds(30), "the transfer");

        var refused = await PostAsync(old.Progress, ("note", "Bộ Tài chính báo cáo"));
        Assert.Equal(HttpStatusCode.Gone, refused.StatusCode);
        Assert.Contains("was transferred to Bộ Xây dựng", await Detail(refused));
        Assert.Equal(HttpStatusCode.Gone, (await _host.Anonymous.GetAsync(old.Complete)).StatusCode);

        var next = await Eventually.GetAsync(() => _host.Client.OutboxAsync(id, "1"),
            n => n.Any(x => To(x).Contains("bxd")), TimeSpan.FromSeconds(60), "a notice to the new agency");
        var fresh = LinksOf(next.First(x => To(x).Contains("bxd")));
        Assert.Equal(HttpStatusCode.OK, (await _host.Anonymous.GetAsync(fresh.Progress)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(fresh.Progress, ("note", "Bộ Xây dựng đã tiếp nhận"))).StatusCode);
    }

    [Fact]
    public async Task A_link_event_that_reaches_the_item_after_a_transfer_it_applied_is_refused_and_the_timeline_says_why()
    {
        var (id, links) = await CatchUpItemAsync("9308");
        var check = _host.Services.GetRequiredService<ActionTokens>().Validate(links.Complete["/act/".Length..]);
        Assert.Equal(HttpStatusCode.Accepted, (await _host.Client.PostJsonAsync($"/api/items/{id}/1/transfer",
            new { toAgency = "BXD", reason = "Chuyển chức năng" })).StatusCode);
        // What /act raises for a link that passed its check just before the transfer was recorded.
        await _host.Services.GetRequiredService<DurableTaskClient>().RaiseEventAsync(check.Claims!.InstanceId, ItemEvent.Name, new ItemEvent
        {
            EventId = "late-link-event", Kind = ItemEventKind.Completed, Actor = check.Claims.Recipient,
            AtUtc = DateTimeOffset.UtcNow, ReportNumber = "9/BC-BTC", LinkEpoch = check.Claims.LinkEpoch,
        });

        var item = await Eventually.GetAsync(() => _host.Client.ItemAsync(id, "1"),
            i => Timeline(i).Any(t => t.GetProperty("kind").GetString() == "Refused"), TimeSpan.FromSeconds(30), "the refusal");
        var refused = Timeline(item).Single(t => t.GetProperty("kind").GetString() == "Refused");
        Assert.Contains("Completed not applied: the link was issued before the transfer to Bộ Xây dựng", refused.GetProperty("detail").GetString());
        Assert.Equal("Overdue", item.GetProperty("item").GetProperty("state").GetString());
        Assert.Equal("BXD", item.GetProperty("item").GetProperty("agencyInCharge").GetString());
    }

    [Fact]
    public async Task When_an_operator_terminates_an_item_its_earlier_links_stop_working_and_say_the_item_has_ended()
    {
        var (id, links) = await CatchUpItemAsync("9307");
        var ops = new AdminFixture(_host);
        var instanceId = ItemInstanceId.For(id, "1");
        var (status, _) = await ops.PostAsync($"/api/admin/instances/{AdminFixture.Escape(instanceId)}/terminate", new { reason = "duplicate item" });
        Assert.Equal(HttpStatusCode.Accepted, status);
        await ops.WaitForStatusAsync(instanceId, "Terminated");

        await AssertStoppedAsync(links, "has ended");
    }

    [Fact]
    public async Task A_use_recorded_whose_event_was_not_raised_is_raised_again_with_the_same_event_id_then_the_link_is_spent()
    {
        var (id, links) = await CatchUpItemAsync("9306");
        // As if an earlier POST had recorded the use and then failed before raising its event.
        var check = _host.Services.GetRequiredService<ActionTokens>().Validate(links.Progress["/act/".Length..]);
        var stranded = new ItemEvent
        {
            EventId = "stranded-event-1", Kind = ItemEventKind.ProgressReported, Actor = check.Claims!.Recipient,
            AtUtc = DateTimeOffset.UtcNow, Note = "Báo cáo lần đầu",
        };
        Assert.True(await _host.Services.GetRequiredService<ActionLinkStore>().TryReserveAsync(new LinkUseRecord
        {
            PartitionKey = check.Claims.InstanceId, RowKey = ActionLinkStore.UseRow(check.LinkId!), Action = "progress",
            Recipient = check.Claims.Recipient, EventId = stranded.EventId,
            EventJson = JsonSerializer.Serialize(stranded, WorkflowJson.Options), ReservedUtc = stranded.AtUtc,
        }));

        var retry = await PostAsync(links.Progress, ("note", "Báo cáo lần đầu"));
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal("stranded-event-1", (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").GetString());
        await Eventually.GetAsync(() => _host.Client.ItemAsync(id, "1"),
            i => Timeline(i).Any(t => t.GetProperty("detail").GetString() == "Báo cáo lần đầu"), TimeSpan.FromSeconds(30), "the progress report");

        var spent = await PostAsync(links.Progress, ("note", "Báo cáo lần đầu"));
        Assert.Equal(HttpStatusCode.OK, spent.StatusCode);
        Assert.Equal("stranded-event-1", (await spent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task Act_pages_are_not_cached_send_no_referrer_and_carry_a_strict_content_security_policy()
    {
        var (_, links) = await CatchUpItemAsync("9305");
        var tampered = links.Complete[..^2] + (links.Complete[^2] == 'A' ? "B" : "A") + links.Complete[^1];

        var responses = new[]
        {
            await _host.Anonymous.GetAsync(links.Complete),      // the form
            await PostAsync(links.Complete),                     // 400: no report number
            await PostAsync(tampered, ("reportNumber", "1")),    // 401
            await PostAsync(links.Progress, ("note", "x")),      // 202
            await PostAsync(links.Progress, ("note", "x")),      // 200: already done
        };

        Assert.Equal([200, 400, 401, 202, 200], responses.Select(r => (int)r.StatusCode));
        foreach (var response in responses)
        {
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
            var csp = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
            foreach (var directive in new[] { "default-src 'none'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'" })
                Assert.Contains(directive, csp);
        }
    }

    private async Task<(string Id, Links Links)> CatchUpItemAsync(string number)
    {
        var id = TestDirectives.Id(number, Issued);
        await _host.ImportAsync(TestDirectives.Json(number, Issued, ("1", Due))); // real time: one catch-up notice
        var notice = (await _host.Client.WaitForOutboxAsync(id, "1", n => n.Count == 1, 30, "the notice")).Single();
        await _host.Client.WaitForStateAsync(id, "1", "Overdue");
        return (id, LinksOf(notice));
    }

    /// <summary>Opening the completion link shows no form but says <paramref name="why"/>; using the progress link is refused: both 410.</summary>
    private async Task AssertStoppedAsync(Links links, string why)
    {
        var form = await _host.Anonymous.GetAsync(links.Complete);
        Assert.Equal(HttpStatusCode.Gone, form.StatusCode);
        Assert.DoesNotContain("<form", await form.Content.ReadAsStringAsync());
        Assert.Contains(why, await Detail(form));

        var progress = await PostAsync(links.Progress, ("note", "đã xong"));
        Assert.Equal(HttpStatusCode.Gone, progress.StatusCode);
        Assert.Contains("no longer works", await Detail(progress));
    }

    private Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields) =>
        _host.Anonymous.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    private static async Task<string> Detail(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    private static IEnumerable<JsonElement> Timeline(JsonElement item) => item.GetProperty("timeline").EnumerateArray();

    private static string To(JsonElement notice) =>
        string.Join(",", notice.GetProperty("to").EnumerateArray().Select(a => a.GetProperty("email").GetString()));

    /// <summary>The notice's links as paths, in the order the templates write them.</summary>
    private static Links LinksOf(JsonElement notice)
    {
        var paths = ActPath().Matches(notice.GetProperty("text").GetString()!).Select(m => m.Value).ToList();
        Assert.Equal(3, paths.Count);
        return new Links(paths[0], paths[1], paths[2]);
    }

    private sealed record Links(string Complete, string Progress, string Extend);

    [GeneratedRegex(@"/act/[A-Za-z0-9_\-\.]+")]
    private static partial Regex ActPath();
}
