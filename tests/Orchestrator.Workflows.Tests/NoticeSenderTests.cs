using Orchestrator.Testing;
using Orchestrator.Workflows.Notices;

namespace Orchestrator.Workflows.Tests;

/// <summary>The real SendGridClient against the fake SendGrid server, with the outbox on Azurite.</summary>
public sealed class NoticeSenderTests : IAsyncLifetime
{
    private FakeSendGrid _server = null!;
    private OutboxStore _outbox = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeSendGrid.StartAsync();
        _outbox = await TestOutbox.CreateAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private SendGridOptions Options(string? apiKey = "SG.test-key", int maxAttempts = 3) => new()
    {
        ApiKey = apiKey,
        BaseUrl = _server.BaseUrl + "/",
        FromEmail = "no-reply@example.org",
        FromName = "Văn phòng Chính phủ - Theo dõi nhiệm vụ",
        MaxAttempts = maxAttempts,
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxRetryWait = TimeSpan.FromMilliseconds(50),
        RequestTimeout = TimeSpan.FromSeconds(20),
        PollInterval = TimeSpan.FromMilliseconds(50),
    };

    private NoticeSender Sender(SendGridOptions? options = null) => new(_outbox, options ?? Options());

    private static NoticeRequest Notice(string stepId = "escalation-1")
    {
        var item = Sample.Item("2.a.7");
        return Sample.Composer().Compose(Sample.Plan, item, Sample.Step(item, stepId), new DateOnly(2024, 1, 3));
    }

    [Fact]
    public async Task Accepted_notice_is_Sent_with_the_message_id_and_the_key_in_custom_args()
    {
        var notice = Notice();

        var result = await Sender().SendAsync(notice);

        var request = Assert.Single(_server.Requests);
        Assert.Equal(("POST", "/v3/mail/send"), (request.Method, request.Path));
        Assert.Equal("Bearer SG.test-key", request.Headers["Authorization"]);
        var args = request.Body.GetProperty("custom_args");
        Assert.Equal("2023-6411-VPCP-KTTH:2.a.7|escalation-1", args.GetProperty("notice_key").GetString());
        Assert.Equal("2023-6411-VPCP-KTTH:2.a.7", args.GetProperty("instance_id").GetString());
        Assert.Equal(notice.Content.Subject, request.Body.GetProperty("subject").GetString());
        var personalization = request.Body.GetProperty("personalizations")[0];
        Assert.Equal("bkhdt.daumoi@example.org", personalization.GetProperty("to")[0].GetProperty("email").GetString());
        Assert.Equal("btc.daumoi@example.org", personalization.GetProperty("cc")[0].GetProperty("email").GetString());
        var contents = request.Body.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("type").GetString()).ToList();
        Assert.Equal(["text/plain", "text/html"], contents);

        Assert.Equal(OutboxState.Sent, result.State);
        Assert.True(result.SentNow);
        var row = await _outbox.GetAsync(notice.InstanceId, notice.StepId);
        Assert.NotNull(row);
        Assert.Equal(OutboxState.Sent, row.State);
        Assert.StartsWith("msg-", row.MessageId);
        Assert.Equal(result.MessageId, row.MessageId);
        Assert.Equal(1, row.Attempts);
        Assert.NotNull(row.SentUtc);
        Assert.False(row.InFlight);
        Assert.Equal(notice.Content.Text, row.TextBody);
        Assert.Equal(("2023-6411-VPCP-KTTH", "2.a.7", "Escalation", 1), (row.DirectiveId, row.Label, row.Kind, row.Level));
    }

    [Fact]
    public async Task Rate_limited_then_accepted_sends_once_and_is_Sent()
    {
        _server.Script(Reply.TooMany(retryAfter: "1"), Reply.Accepted());

        var result = await Sender().SendAsync(Notice());

        Assert.Equal([429, 202], _server.Requests.Select(r => r.AnsweredWith));
        Assert.Equal(OutboxState.Sent, result.State);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(1, _server.Requests.Count(r => r.AnsweredWith == 202));
    }

    [Fact]
    public async Task Server_errors_past_the_retries_fail_with_the_reason_and_a_later_run_sends_once()
    {
        var notice = Notice();
        _server.Fallback = Reply.ServerError;

        var e = await Assert.ThrowsAsync<NoticeFailedException>(() => Sender().SendAsync(notice));

        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(500, e.StatusCode);
        Assert.False(e.OutcomeUnknown);
        Assert.Contains("2023-6411-VPCP-KTTH:2.a.7|escalation-1", e.Message);
        Assert.Contains("500", e.Message);
        var failed = await _outbox.GetAsync(notice.InstanceId, notice.StepId);
        Assert.Equal((OutboxState.Failed, 500, 3), (failed!.State, failed.LastStatusCode, failed.Attempts));
        Assert.Contains("internal error", failed.LastError);

        _server.Fallback = Reply.Accepted; // SendGrid recovers; the operator replays
        var replay = await Sender().SendAsync(notice);
        var again = await Sender().SendAsync(notice);

        Assert.Equal(1, _server.Requests.Count(r => r.AnsweredWith == 202));
        Assert.Equal(4, _server.Requests.Count);
        Assert.Equal((OutboxState.Sent, true, 4), (replay.State, replay.SentNow, replay.Attempts));
        Assert.Equal((OutboxState.Sent, false, replay.MessageId), (again.State, again.SentNow, again.MessageId));
        Assert.Null((await _outbox.GetAsync(notice.InstanceId, notice.StepId))!.LastError);
    }

    [Fact]
    public async Task Bad_request_fails_at_once_without_retry_and_keeps_SendGrids_reason()
    {
        var notice = Notice();
        _server.Script(Reply.BadRequest());

        var e = await Assert.ThrowsAsync<NoticeFailedException>(() => Sender().SendAsync(notice));

        Assert.Single(_server.Requests);
        Assert.Equal(400, e.StatusCode);
        Assert.Contains("does not match a verified Sender Identity", e.Message);
        var row = await _outbox.GetAsync(notice.InstanceId, notice.StepId);
        Assert.Equal((OutboxState.Failed, 400, 1), (row!.State, row.LastStatusCode, row.Attempts));
        Assert.Contains("from: The from address does not match a verified Sender Identity.", row.LastError);
    }

    [Fact]
    public async Task Re_running_a_Sent_notice_sends_nothing()
    {
        var notice = Notice();
        var first = await Sender().SendAsync(notice);

        var second = await Sender().SendAsync(notice);
        var third = await Sender().SendAsync(notice with { Content = notice.Content with { Subject = "changed" } });

        Assert.Single(_server.Requests);
        Assert.Equal((OutboxState.Sent, false, first.MessageId), (second.State, second.SentNow, second.MessageId));
        Assert.False(third.SentNow);
        Assert.Equal(notice.Content.Subject, (await _outbox.GetAsync(notice.InstanceId, notice.StepId))!.Subject);
    }

    [Fact]
    public async Task Without_an_api_key_the_notice_is_only_written_to_the_outbox()
    {
        var notice = Notice();

        var result = await Sender(Options(apiKey: "")).SendAsync(notice);
        var rerun = await Sender(Options(apiKey: null)).SendAsync(notice);

        Assert.Equal(0, _server.Received);
        Assert.Equal((OutboxState.NotSent, false), (result.State, result.SentNow));
        Assert.Equal(OutboxState.NotSent, rerun.State);
        var listed = Assert.Single((await _outbox.ListPageAsync("2023-6411-VPCP-KTTH")).Items);
        Assert.Equal(OutboxState.NotSent, listed.State);
        Assert.Contains("Kính gửi: Bộ Kế hoạch và Đầu tư.", listed.Text);
        Assert.Equal(["bkhdt.daumoi@example.org"], listed.To.Select(a => a.Email));
    }

    [Fact]
    public async Task Two_concurrent_sends_of_the_same_key_make_one_http_call()
    {
        var notice = Notice();
        _server.Hold();

        var a = Sender().SendAsync(notice);
        var b = Sender().SendAsync(notice);
        await Eventually.GetAsync(() => Task.FromResult(_server.Received), n => n >= 1, TimeSpan.FromSeconds(20), "the first send to reach SendGrid");
        var pending = await _outbox.GetAsync(notice.InstanceId, notice.StepId);
        Assert.Equal((OutboxState.Pending, true), (pending!.State, pending.InFlight));
        _server.Release();
        var results = await Task.WhenAll(a, b);

        Assert.Equal(1, _server.Received);
        Assert.All(results, r => Assert.Equal(OutboxState.Sent, r.State));
        Assert.Single(results, r => r.SentNow);
        Assert.Equal(results[0].MessageId, results[1].MessageId);
    }

    [Fact]
    public async Task A_row_left_in_flight_by_a_crashed_run_is_not_resent_but_failed_as_unknown()
    {
        var notice = Notice();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        _server.Hold(); // the first run's call never completes: it "crashes" between send and save
        using var cts = new CancellationTokenSource();
        var crashed = new NoticeSender(_outbox, Options(), clock).SendAsync(notice, cts.Token);
        await Eventually.GetAsync(() => Task.FromResult(_server.Received), n => n >= 1, TimeSpan.FromSeconds(20), "the first send to reach SendGrid");
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => crashed);
        clock.Now = clock.Now.AddMinutes(5); // its lease has expired

        var e = await Assert.ThrowsAsync<NoticeFailedException>(() => new NoticeSender(_outbox, Options(), clock).SendAsync(notice));

        Assert.True(e.OutcomeUnknown);
        Assert.Equal(1, _server.Received);
        var row = await _outbox.GetAsync(notice.InstanceId, notice.StepId);
        Assert.Equal(OutboxState.Failed, row!.State);
        Assert.Contains("outcome unknown", row.LastError);
        Assert.Contains("notice_key=2023-6411-VPCP-KTTH:2.a.7|escalation-1", row.LastError);
        Assert.True(row.OutcomeUnknown);

        // The run that set it aside may die before its activity's result is saved: the activity is
        // delivered again, and that run must not take the row over as a certain failure and send.
        var again = await Assert.ThrowsAsync<NoticeFailedException>(() => new NoticeSender(_outbox, Options(), clock).SendAsync(notice));
        Assert.True(again.OutcomeUnknown);
        Assert.Equal(1, _server.Received);
        Assert.Equal(OutboxState.Failed, (await _outbox.GetAsync(notice.InstanceId, notice.StepId))!.State);
    }

    [Fact]
    public async Task Outbox_lists_a_directives_notices_by_label()
    {
        var sender = Sender(Options(apiKey: ""));
        await sender.SendAsync(Notice("escalation-1"));
        await sender.SendAsync(Notice("escalation-2"));
        var other = Sample.Item("2.a.3");
        await sender.SendAsync(Sample.Composer().Compose(Sample.Plan, other, Sample.Step(other, "escalation-1"), new DateOnly(2023, 10, 3)));

        var all = (await _outbox.ListPageAsync("2023-6411-VPCP-KTTH")).Items;
        var one = (await _outbox.ListPageAsync("2023-6411-VPCP-KTTH", "2.a.7")).Items;
        var none = (await _outbox.ListPageAsync("2023-9999-VPCP-KTTH")).Items;

        Assert.Equal(3, all.Count);
        Assert.Equal(["escalation-1", "escalation-2"], one.Select(n => n.StepId).Order());
        Assert.All(one, n => Assert.Equal("2.a.7", n.Label));
        Assert.Empty(none);
    }

    [Fact]
    public async Task A_call_that_times_out_is_not_retried_but_failed_as_unknown()
    {
        var notice = Notice();
        _server.Hold();
        var options = Options();
        options.RequestTimeout = TimeSpan.FromMilliseconds(500);

        var e = await Assert.ThrowsAsync<NoticeFailedException>(() => new NoticeSender(_outbox, options).SendAsync(notice));

        Assert.True(e.OutcomeUnknown);
        Assert.Equal(1, _server.Received);
        Assert.Contains("outcome unknown", (await _outbox.GetAsync(notice.InstanceId, notice.StepId))!.LastError);

        _server.Release();
        var again = await Assert.ThrowsAsync<NoticeFailedException>(() => new NoticeSender(_outbox, options).SendAsync(notice));
        Assert.True(again.OutcomeUnknown);
        Assert.Equal(1, _server.Received); // not sent again by a later run of the step
    }

    [Fact]
    public async Task More_than_1000_recipients_are_refused_before_anything_is_written()
    {
        var notice = Notice();
        var many = Enumerable.Range(0, 1001).Select(i => new NoticeAddress($"a{i}@example.org", "x")).ToList();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => Sender().SendAsync(notice with { Recipients = new(many, []) }));

        Assert.Contains("at most 1000", e.Message);
        Assert.Null(await _outbox.GetAsync(notice.InstanceId, notice.StepId));
        Assert.Equal(0, _server.Received);
    }
}
