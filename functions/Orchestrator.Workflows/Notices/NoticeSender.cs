using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SendGrid;
using SendGrid.Helpers.Mail;
using Orchestrator.Workflows.Telemetry;

namespace Orchestrator.Workflows.Notices;

/// <summary>What to send: the key (item instance id + step id), what the outbox lists it under,
/// the addressees and the rendered content.</summary>
public sealed record NoticeRequest(
    string InstanceId,
    string StepId,
    string DirectiveId,
    string Label,
    NoticeKind Kind,
    int Level,
    NoticeRecipients Recipients,
    RenderedNotice Content,
    NoticeAttachment? Attachment = null);

/// <summary>The outcome of <see cref="NoticeSender.SendAsync"/>: the row's state after the call.
/// <see cref="SentNow"/> is true only for the call that got SendGrid's 202.</summary>
public sealed record NoticeResult(string InstanceId, string StepId, string State, string? MessageId, int Attempts, bool SentNow);

/// <summary>A notice that could not be sent; the outbox row says why (state Failed). The message is
/// meant for operators: it names the key, the status code and SendGrid's reason.</summary>
public sealed class NoticeFailedException(string message, string instanceId, string stepId, int? statusCode, bool outcomeUnknown)
    : Exception(message)
{
    public string InstanceId { get; } = instanceId;
    public string StepId { get; } = stepId;
    public int? StatusCode { get; } = statusCode;
    /// <summary>An earlier call may have been delivered (timeout, crash between send and save).</summary>
    public bool OutcomeUnknown { get; } = outcomeUnknown;
}

/// <summary>
/// Sends a notice at most once per key (item instance id, step id) through SendGrid v3 Mail Send.
/// <list type="number">
/// <item>The notice is first written to the outbox (insert: the key is unique). Without an API key it
///   is written as NotSent and nothing else happens.</item>
/// <item>The run that inserted the row, or that takes over a Failed row (update with ETag), owns it
///   under a lease and sends; a concurrent run with the same key waits for the owner's outcome and
///   returns it, so two runs never both send.</item>
/// <item>Before each HTTP call the row is marked InFlight (attempts + 1); after it the outcome is
///   saved: 2xx → Sent (X-Message-Id); 429/5xx → retried with back-off up to
///   <see cref="SendGridOptions.MaxAttempts"/>, then Failed; other 4xx → Failed at once.
///   Failed throws <see cref="NoticeFailedException"/>; a later run (operator replay) re-uses the
///   row and sends the stored content once, with the same custom_args key.</item>
/// </list>
/// Re-runs send the content stored at reservation, not the content they were given, so a replay
/// cannot change what a notice says.
/// <para><b>Unknown outcomes.</b> SendGrid has no idempotency key. A row found Pending and InFlight
/// after its lease expired (the process died between the HTTP call and saving its outcome), or a call
/// that timed out, may or may not have been delivered. We then do <b>not</b> re-send: the row becomes
/// Failed with <see cref="OutboxRecord.OutcomeUnknown"/> set and a reason that names the custom_args
/// key to look up in SendGrid's Activity feed, and the call throws with
/// <see cref="NoticeFailedException.OutcomeUnknown"/>. Every later run of the same key (a re-delivered
/// activity, a replay) finds the flag and throws the same, without a call: a duplicate urging letter
/// to a ministry's leadership is worse than one an operator confirms. The item's step records the
/// unknown outcome and its ladder goes on; operators find such rows on the operations page. Calls that
/// certainly did not deliver (429, 5xx, connection refused) are retried automatically.</para>
/// </summary>
public sealed class NoticeSender
{
    public const string KeyArg = "notice_key";
    public const string InstanceArg = "instance_id";
    public const string StepArg = "step_id";
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(10);

    private readonly OutboxStore _outbox;
    private readonly SendGridOptions _options;
    private readonly TimeProvider _time;
    private readonly ISendGridClient? _client;
    private readonly ILogger _log;
    private readonly OrchestratorMetrics? _metrics;

    public NoticeSender(OutboxStore outbox, SendGridOptions options, TimeProvider? time = null,
        ISendGridClient? client = null, ILogger<NoticeSender>? logger = null, OrchestratorMetrics? metrics = null)
    {
        _metrics = metrics;
        _outbox = outbox;
        _options = options;
        _time = time ?? TimeProvider.System;
        _client = client ?? (options.IsConfigured ? CreateClient(options) : null);
        _log = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The real SendGrid client; with <see cref="SendGridOptions.BaseUrl"/> set it posts to
    /// <c>{BaseUrl}/v3/mail/send</c> (the client joins Host, "/", Version "v3", "/", "mail/send").</summary>
    public static SendGridClient CreateClient(SendGridOptions options)
    {
        var clientOptions = new SendGridClientOptions { ApiKey = options.ApiKey };
        if (!string.IsNullOrWhiteSpace(options.BaseUrl)) clientOptions.Host = options.BaseUrl.TrimEnd('/');
        return new SendGridClient(new HttpClient { Timeout = options.RequestTimeout }, clientOptions);
    }

    /// <summary>"{instanceId}|{stepId}": the value of custom_args.notice_key.</summary>
    public static string KeyOf(string instanceId, string stepId) => instanceId + "|" + stepId;

    /// <summary>Sends (or finds sent) one notice, in a trace span of its own.</summary>
    public async Task<NoticeResult> SendAsync(NoticeRequest request, CancellationToken ct = default)
    {
        using var span = OrchestratorTraces.Source.StartActivity("notice.send");
        span?.SetTag("notice.key", KeyOf(request.InstanceId, request.StepId));
        span?.SetTag("notice.kind", request.Kind.ToString());
        span?.SetTag("notice.level", request.Level);
        try
        {
            var result = await SendCoreAsync(request, ct);
            span?.SetTag("notice.state", result.State);
            span?.SetTag("notice.sent_now", result.SentNow);
            return result;
        }
        catch (NoticeFailedException e)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Message);
            throw;
        }
    }

    private async Task<NoticeResult> SendCoreAsync(NoticeRequest request, CancellationToken ct)
    {
        Check(request);
        var now = _time.GetUtcNow();
        var fresh = new OutboxRecord
        {
            PartitionKey = request.InstanceId,
            RowKey = request.StepId,
            DirectiveId = request.DirectiveId,
            Label = request.Label,
            Kind = request.Kind.ToString(),
            Level = request.Level,
            Recipients = OutboxStore.WriteRecipients(request.Recipients),
            Subject = request.Content.Subject,
            TextBody = request.Content.Text,
            HtmlBody = request.Content.Html,
            AttachmentName = request.Attachment?.FileName,
            AttachmentContentType = request.Attachment?.ContentType,
            Attachment = request.Attachment?.Content,
            CreatedUtc = now,
            UpdatedUtc = now,
        };

        if (_client is null)
        {
            fresh.State = OutboxState.NotSent;
            fresh.LastError = "No SendGrid API key configured (SendGrid__ApiKey): written to the outbox only.";
            if (await _outbox.TryAddAsync(fresh, ct)) return Result(fresh, sentNow: false);
            return Result(await _outbox.GetAsync(request.InstanceId, request.StepId, ct) ?? fresh, sentNow: false);
        }

        fresh.State = OutboxState.Pending;
        fresh.LeaseUntilUtc = now + _options.RequestTimeout + LeaseMargin;
        if (await _outbox.TryAddAsync(fresh, ct)) return await SendOwnedAsync(fresh, ct);

        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var row = await _outbox.GetAsync(request.InstanceId, request.StepId, ct)
                ?? throw new InvalidOperationException($"Outbox row {request.InstanceId}/{request.StepId} vanished.");
            now = _time.GetUtcNow();
            switch (row.State)
            {
                case OutboxState.Sent:
                case OutboxState.NotSent:
                    NoticeLog.AlreadyDone(_log, KeyOf(row.PartitionKey, row.RowKey), row.State);
                    return Result(row, sentNow: false);

                case OutboxState.Pending when row.LeaseUntilUtc is { } lease && lease > now:
                    // Another run owns it (sending or between retries): wait for its outcome.
                    await Task.Delay(_options.PollInterval, _time, ct);
                    continue;

                case OutboxState.Failed when OutboxRecord.IsOutcomeUnknown(row):
                    // Set aside for an operator by an earlier run (this is a re-delivered or replayed
                    // step): it may have been delivered, so it is not sent again automatically.
                    throw Failure(row, outcomeUnknown: true);

                case OutboxState.Pending when row.InFlight:
                    row.State = OutboxState.Failed;
                    row.OutcomeUnknown = true;
                    row.InFlight = false;
                    row.LeaseUntilUtc = null;
                    row.LastError = UnknownOutcomeReason(row);
                    row.UpdatedUtc = now;
                    if (!await _outbox.TryUpdateAsync(row, ct)) continue;
                    throw Failed(row, outcomeUnknown: true);

                default:
                    // Failed for certain (an earlier run gave up on 429/5xx/4xx), or Pending with no call
                    // started: no earlier call delivered, so this run takes the row over and sends once more.
                    row.State = OutboxState.Pending;
                    row.LeaseUntilUtc = now + _options.RequestTimeout + LeaseMargin;
                    row.UpdatedUtc = now;
                    if (!await _outbox.TryUpdateAsync(row, ct)) continue;
                    return await SendOwnedAsync(row, ct);
            }
        }
    }

    /// <summary>
    /// An operator's decision on a notice whose delivery is unknown, after looking it up in
    /// SendGrid's Activity feed: <paramref name="delivered"/> records it Sent; otherwise the stored
    /// notice is sent again, once (the row is taken over as certainly failed). Null when the row does
    /// not exist; throws <see cref="InvalidOperationException"/> when it does not wait for a decision
    /// (or another decision took it meanwhile).
    /// </summary>
    public async Task<NoticeResult?> SettleOutcomeUnknownAsync(string instanceId, string stepId, bool delivered, CancellationToken ct = default)
    {
        var row = await _outbox.GetAsync(instanceId, stepId, ct);
        if (row is null) return null;
        if (!OutboxRecord.IsOutcomeUnknown(row))
            throw new InvalidOperationException($"Notice {KeyOf(instanceId, stepId)} is {row.State}: it does not wait for a decision.");
        var now = _time.GetUtcNow();
        row.OutcomeUnknown = false;
        row.UpdatedUtc = now;
        if (delivered)
        {
            row.State = OutboxState.Sent;
            row.SentUtc = now;
            row.LastError = "an operator confirmed it was delivered (outcome had been unknown)";
            if (!await _outbox.TryUpdateAsync(row, ct))
                throw new InvalidOperationException($"Notice {KeyOf(instanceId, stepId)} was changed meanwhile: look again.");
            return Result(row, sentNow: false);
        }
        if (_client is null)
            throw new InvalidOperationException("No SendGrid API key is configured (SendGrid__ApiKey): nothing can be sent.");
        row.State = OutboxState.Pending;
        row.LeaseUntilUtc = now + _options.RequestTimeout + LeaseMargin;
        if (!await _outbox.TryUpdateAsync(row, ct))
            throw new InvalidOperationException($"Notice {KeyOf(instanceId, stepId)} was changed meanwhile: look again.");
        return await SendOwnedAsync(row, ct);
    }

    private async Task<NoticeResult> SendOwnedAsync(OutboxRecord row, CancellationToken ct)
    {
        var message = BuildMessage(row);
        for (var attempt = 1; ; attempt++)
        {
            var now = _time.GetUtcNow();
            row.InFlight = true;
            row.Attempts++;
            row.LeaseUntilUtc = now + _options.RequestTimeout + LeaseMargin;
            row.UpdatedUtc = now;
            await SaveOwnedAsync(row, ct);

            Response response;
            try
            {
                response = await _client!.SendEmailAsync(message, ct);
            }
            catch (Exception e) when (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
            {
                // Nothing reached SendGrid: as retryable as a 5xx.
                if (await RetryOrGiveUpAsync(row, null, null, $"connection to SendGrid failed: {e.Message}", attempt, ct)) continue;
                throw Failed(row, outcomeUnknown: false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                row.State = OutboxState.Failed;
                row.OutcomeUnknown = true;
                row.InFlight = false;
                row.LeaseUntilUtc = null;
                row.LastStatusCode = null;
                row.LastError = UnknownOutcomeReason(row) + $" ({e.GetType().Name}: {e.Message})";
                row.UpdatedUtc = _time.GetUtcNow();
                await SaveOwnedAsync(row, ct);
                throw Failed(row, outcomeUnknown: true);
            }

            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                row.State = OutboxState.Sent;
                row.InFlight = false;
                row.LeaseUntilUtc = null;
                row.LastStatusCode = status;
                row.LastError = null;
                row.MessageId = response.Headers?.TryGetValues("X-Message-Id", out var ids) == true ? ids.FirstOrDefault() : null;
                row.SentUtc = _time.GetUtcNow();
                row.UpdatedUtc = row.SentUtc;
                await SaveOwnedAsync(row, ct);
                NoticeLog.Sent(_log, KeyOf(row.PartitionKey, row.RowKey), row.MessageId, row.Attempts);
                _metrics?.NoticeSent(row.Kind, row.Level);
                return Result(row, sentNow: true);
            }

            var reason = await ReasonAsync(response, ct);
            if (status == 429 || status >= 500)
            {
                if (await RetryOrGiveUpAsync(row, response, status, reason, attempt, ct)) continue;
                throw Failed(row, outcomeUnknown: false);
            }

            row.State = OutboxState.Failed;
            row.InFlight = false;
            row.LeaseUntilUtc = null;
            row.LastStatusCode = status;
            row.LastError = reason;
            row.UpdatedUtc = _time.GetUtcNow();
            await SaveOwnedAsync(row, ct);
            throw Failed(row, outcomeUnknown: false);
        }
    }

    /// <summary>Records a certainly-failed call; true after waiting when another attempt is allowed,
    /// false after marking the row Failed.</summary>
    private async Task<bool> RetryOrGiveUpAsync(OutboxRecord row, Response? response, int? status, string reason, int attempt, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        row.InFlight = false;
        row.LastStatusCode = status;
        row.LastError = reason;
        row.UpdatedUtc = now;
        if (attempt >= Math.Max(1, _options.MaxAttempts))
        {
            row.State = OutboxState.Failed;
            row.LeaseUntilUtc = null;
            row.LastError = $"gave up after {attempt} attempt(s) in this run: {reason}";
            await SaveOwnedAsync(row, ct);
            return false;
        }
        var wait = RetryDelay.For(response?.Headers, attempt, _options, now);
        row.LeaseUntilUtc = now + wait + _options.RequestTimeout + LeaseMargin;
        await SaveOwnedAsync(row, ct);
        NoticeLog.Retrying(_log, KeyOf(row.PartitionKey, row.RowKey), attempt, reason, wait);
        _metrics?.NoticeRetried(row.Kind, status);
        await Task.Delay(wait, _time, ct);
        return true;
    }

    private async Task SaveOwnedAsync(OutboxRecord row, CancellationToken ct)
    {
        if (!await _outbox.TryUpdateAsync(row, ct))
            throw new InvalidOperationException(
                $"Outbox row {KeyOf(row.PartitionKey, row.RowKey)} was changed by another run while this run held it " +
                "(its lease expired?); look at the row and SendGrid's Activity feed before replaying.");
    }

    private SendGridMessage BuildMessage(OutboxRecord row)
    {
        var recipients = OutboxStore.ReadRecipients(row.Recipients);
        var message = new SendGridMessage
        {
            From = new EmailAddress(_options.FromEmail, string.IsNullOrWhiteSpace(_options.FromName) ? null : _options.FromName),
            Subject = row.Subject,
            PlainTextContent = row.TextBody,
            HtmlContent = row.HtmlBody,
            CustomArgs = new Dictionary<string, string>
            {
                [KeyArg] = KeyOf(row.PartitionKey, row.RowKey),
                [InstanceArg] = row.PartitionKey,
                [StepArg] = row.RowKey,
            },
        };
        if (row.Attachment is { Length: > 0 } file)
            message.AddAttachment(row.AttachmentName ?? "attachment", Convert.ToBase64String(file), row.AttachmentContentType);
        message.AddTos(recipients.To.Select(a => new EmailAddress(a.Email, a.DisplayName)).ToList());
        if (recipients.Cc.Count > 0) message.AddCcs(recipients.Cc.Select(a => new EmailAddress(a.Email, a.DisplayName)).ToList());
        return message;
    }

    private static void Check(NoticeRequest r)
    {
        if (string.IsNullOrWhiteSpace(r.InstanceId) || string.IsNullOrWhiteSpace(r.StepId))
            throw new ArgumentException("A notice needs the item's instance id and the step id (its outbox key).", nameof(r));
        if (r.Attachment is { } a && a.Content.Length > OutboxRecord.MaxAttachmentBytes)
            throw new ArgumentException($"Notice {KeyOf(r.InstanceId, r.StepId)}: its attachment is {a.Content.Length} bytes; the outbox keeps at most {OutboxRecord.MaxAttachmentBytes}.", nameof(r));
        if (r.Recipients.To.Count == 0)
            throw new ArgumentException($"Notice {KeyOf(r.InstanceId, r.StepId)} has no addressee.", nameof(r));
        if (r.Recipients.Count > NoticeRecipients.MaxPerRequest)
            throw new ArgumentException(
                $"Notice {KeyOf(r.InstanceId, r.StepId)} has {r.Recipients.Count} recipients; SendGrid accepts at most {NoticeRecipients.MaxPerRequest} per request.", nameof(r));
    }

    private static async Task<string> ReasonAsync(Response response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var body = response.Body is null ? "" : await response.Body.ReadAsStringAsync(ct);
        var messages = new List<string>();
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                foreach (var e in errors.EnumerateArray())
                {
                    var msg = e.TryGetProperty("message", out var m) ? m.GetString() : null;
                    var field = e.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                    if (msg is not null) messages.Add(field is null ? msg : $"{field}: {msg}");
                }
        }
        catch (JsonException) { }
        var detail = messages.Count > 0 ? string.Join("; ", messages) : body.Trim();
        if (detail.Length > 1000) detail = detail[..1000] + "…";
        var name = Enum.IsDefined(response.StatusCode) ? response.StatusCode.ToString() : "";
        return $"SendGrid answered {status} {name}{(detail.Length > 0 ? ": " + detail : "")}".Trim();
    }

    private static string UnknownOutcomeReason(OutboxRecord row) =>
        $"outcome unknown: attempt {row.Attempts} was started but its result was never recorded; it may have been delivered. " +
        $"It is not sent again by itself: look for custom_args {KeyArg}={KeyOf(row.PartitionKey, row.RowKey)} in SendGrid's Activity feed, " +
        "then settle it on the operations page (delivered, or send again).";

    /// <summary>The exception for a notice given up on, logged and counted once.</summary>
    private NoticeFailedException Failed(OutboxRecord row, bool outcomeUnknown)
    {
        NoticeLog.GaveUp(_log, KeyOf(row.PartitionKey, row.RowKey), row.Attempts, outcomeUnknown, row.LastError);
        _metrics?.NoticeFailed(row.Kind, outcomeUnknown);
        return Failure(row, outcomeUnknown);
    }

    private static NoticeFailedException Failure(OutboxRecord row, bool outcomeUnknown) =>
        new($"Notice {KeyOf(row.PartitionKey, row.RowKey)} was not sent after {row.Attempts} attempt(s): {row.LastError}. " +
            "The outbox row keeps the reason; replay the orchestration to send it again (the same row is reused, the mail is sent once).",
            row.PartitionKey, row.RowKey, row.LastStatusCode, outcomeUnknown);

    private static NoticeResult Result(OutboxRecord row, bool sentNow) =>
        new(row.PartitionKey, row.RowKey, row.State, row.MessageId, row.Attempts, sentNow);
}

/// <summary>The sender's log events (ids 2000-2099).</summary>
internal static partial class NoticeLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Notice {Key} is already {State}: not sending again.")]
    public static partial void AlreadyDone(ILogger logger, string key, string state);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Notice {Key} sent: message id {MessageId}, attempt {Attempts}.")]
    public static partial void Sent(ILogger logger, string key, string? messageId, int attempts);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Notice {Key}: attempt {Attempt} failed ({Reason}); retrying in {Wait}.")]
    public static partial void Retrying(ILogger logger, string key, int attempt, string reason, TimeSpan wait);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error,
        Message = "Notice {Key} was not sent after {Attempts} attempt(s) (outcome unknown: {OutcomeUnknown}): {Reason}")]
    public static partial void GaveUp(ILogger logger, string key, int attempts, bool outcomeUnknown, string? reason);
}
