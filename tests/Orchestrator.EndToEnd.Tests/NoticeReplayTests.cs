using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Testing;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// Replay that is safe: an item whose notice keeps failing (SendGrid answers 500 past the retries)
/// ends Failed and is listed with its reason; once SendGrid recovers, rewind sends the notice
/// exactly once, and restart does not send again what was already sent.
/// </summary>
public sealed class NoticeReplayTests : IAsyncLifetime
{
    private static readonly DateOnly Issued = new(2026, 1, 5);
    private static readonly DateOnly Due = new(2026, 1, 30);
    private FakeSendGrid _sendGrid = null!;
    private TestHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _sendGrid = await FakeSendGrid.StartAsync();
        var settings = TestHost.SendingTo(_sendGrid);
        settings["SendGrid:MaxAttempts"] = "2";
        _host = await TestHost.StartAsync(settings);
        _admin = new HttpClient { BaseAddress = _host.BaseAddress };
        _admin.DefaultRequestHeaders.Add("x-functions-key", TestHost.AdminKey);
        _admin.DefaultRequestHeaders.Add("x-operator", "ops@example.org");
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
        await _sendGrid.DisposeAsync();
    }

    [Fact]
    public async Task A_notice_failing_past_its_retries_fails_the_item_and_rewind_sends_it_exactly_once_after_recovery()
    {
        _sendGrid.Fallback = Reply.ServerError;
        var id = TestDirectives.Id("9301", Issued);
        await _host.ImportAsync(TestDirectives.Json("9301", Issued, ("1", Due))); // catch-up: one notice, now
        var instanceId = $"{id}:1";

        var failed = await Eventually.GetAsync(() => _admin.GetFromJsonAsync<JsonElement>($"/api/admin/instances?status=Failed&prefix={id}"),
            l => l.GetProperty("count").GetInt32() == 1, TimeSpan.FromSeconds(60), "the item to fail");
        Assert.Contains("500", failed.GetRawText());
        Assert.Equal(0, _sendGrid.Requests.Count(r => r.AnsweredWith == 202));

        _sendGrid.Fallback = Reply.Accepted;
        var rewind = await _admin.PostAsJsonAsync($"/api/admin/instances/{Uri.EscapeDataString(instanceId)}/rewind", new { reason = "SendGrid is back" });
        Assert.True(rewind.IsSuccessStatusCode, await rewind.Content.ReadAsStringAsync());

        await _host.Client.WaitForOutboxAsync(id, "1", n => n.Count == 1 && n[0].GetProperty("state").GetString() == "Sent", 60, "the notice to be sent");
        await _host.Client.WaitForStateAsync(id, "1", "Overdue");
        Assert.Equal(1, _sendGrid.Requests.Count(r => r.AnsweredWith == 202));
        var audit = await _admin.GetFromJsonAsync<JsonElement>($"/api/admin/audit?date={DateTime.UtcNow:yyyy-MM-dd}");
        Assert.Contains("rewind", audit.GetRawText());
    }

    [Fact]
    public async Task Restart_of_a_failed_item_does_not_send_again_the_notices_already_sent()
    {
        // The first two notices go out, every later one fails.
        _sendGrid.Script(Reply.Accepted(), Reply.Accepted());
        _sendGrid.Fallback = Reply.ServerError;
        var id = TestDirectives.Id("9302", Issued);
        await _host.ImportAsync(TestDirectives.Json("9302", Issued, ("1", Due)), "?secondsPerDay=0.3");
        var instanceId = $"{id}:1";
        await Eventually.GetAsync(() => _admin.GetFromJsonAsync<JsonElement>($"/api/admin/instances?status=Failed&prefix={id}"),
            l => l.GetProperty("count").GetInt32() == 1, TimeSpan.FromSeconds(60), "the item to fail at its third notice");
        var sentBefore = _sendGrid.Requests.Where(r => r.AnsweredWith == 202).Select(Key).ToList();
        Assert.Equal(2, sentBefore.Count);

        _sendGrid.Fallback = Reply.Accepted;
        var restart = await _admin.PostAsJsonAsync($"/api/admin/instances/{Uri.EscapeDataString(instanceId)}/restart", new { reason = "SendGrid is back" });
        Assert.True(restart.IsSuccessStatusCode, await restart.Content.ReadAsStringAsync());
        await Eventually.GetAsync(() => _host.Client.OutboxAsync(id, "1"),
            n => n.Count >= 3 && n.All(x => x.GetProperty("state").GetString() == "Sent"), TimeSpan.FromSeconds(60), "the failed notice to be sent");

        var accepted = _sendGrid.Requests.Where(r => r.AnsweredWith == 202).Select(Key).ToList();
        Assert.Equal(accepted.Distinct().Count(), accepted.Count); // no notice twice
        Assert.Equal(sentBefore, accepted.Take(2));
    }

    private static string Key(RecordedRequest r) => r.Body.GetProperty("custom_args").GetProperty("notice_key").GetString()!;
}
