using Azure;
using Azure.Data.Tables;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Notices;

/// <summary>Outbox row states (stored as these names).</summary>
public static class OutboxState
{
    /// <summary>Reserved, not (yet) known to be sent. See <see cref="NoticeSender"/> for what a re-run does with it.</summary>
    public const string Pending = "Pending";
    /// <summary>Accepted by SendGrid (202): message id, sent time, attempts.</summary>
    public const string Sent = "Sent";
    /// <summary>Given up: last status code and reason, attempts. A later run sends again.</summary>
    public const string Failed = "Failed";
    /// <summary>No SendGrid API key configured: written here only (how local users read notices).</summary>
    public const string NotSent = "NotSent";
}

/// <summary>
/// One notice in the outbox: partition = the item's instance id, row = the step id. The pair is the
/// notice's idempotency key; it is also sent to SendGrid in <c>custom_args</c>.
/// </summary>
public sealed class OutboxRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string DirectiveId { get; set; } = "";
    public string Label { get; set; } = "";
    /// <summary>"Reminder", "Milestone", "Escalation".</summary>
    public string Kind { get; set; } = "";
    public int Level { get; set; }
    /// <summary>JSON: <c>{"to":[{"email","displayName"}],"cc":[...]}</c>.</summary>
    public string Recipients { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    /// <summary>A file sent with the notice (the monthly report's workbook): stored with the row, so a
    /// re-run sends the same file. One binary property: at most <see cref="MaxAttachmentBytes"/>.</summary>
    public string? AttachmentName { get; set; }
    public string? AttachmentContentType { get; set; }
    public byte[]? Attachment { get; set; }
    public const int MaxAttachmentBytes = 64 * 1024;
    public DateTimeOffset CreatedUtc { get; set; }

    public string State { get; set; } = OutboxState.Pending;
    /// <summary>HTTP calls made to SendGrid for this notice, over every run.</summary>
    public int Attempts { get; set; }
    /// <summary>True from just before an HTTP call until its outcome is saved: a row left with it set
    /// (after <see cref="LeaseUntilUtc"/>) had a call whose outcome is unknown.</summary>
    public bool InFlight { get; set; }
    /// <summary>A run holds the row until then (sending, or waiting to retry); others wait.</summary>
    public DateTimeOffset? LeaseUntilUtc { get; set; }
    /// <summary>Set with state Failed when a call was started but its result never recorded: the
    /// notice may have been delivered. Such a row is never sent again by a run of its step (a
    /// re-delivered activity, a replay): it waits for an operator, who finds it on the operations page.</summary>
    public bool OutcomeUnknown { get; set; }

    /// <summary>Whether the row waits for an operator because its delivery is unknown. Rows written
    /// before <see cref="OutcomeUnknown"/> existed say so only in their reason.</summary>
    public static bool IsOutcomeUnknown(OutboxRecord row) =>
        row.State == OutboxState.Failed
        && (row.OutcomeUnknown || row.LastError?.StartsWith("outcome unknown", StringComparison.Ordinal) == true);
    public string? MessageId { get; set; }
    public DateTimeOffset? SentUtc { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? UpdatedUtc { get; set; }
}

/// <summary>What <c>GET /api/outbox?directive=&amp;label=</c> lists: a notice and its state.</summary>
public sealed record OutboxNotice(
    string InstanceId, string StepId, string DirectiveId, string Label, string Kind, int Level, string State,
    IReadOnlyList<NoticeAddress> To, IReadOnlyList<NoticeAddress> Cc, string Subject, string Text,
    DateTimeOffset CreatedUtc, int Attempts, string? MessageId, DateTimeOffset? SentUtc, int? LastStatusCode, string? LastError)
{
    public static OutboxNotice From(OutboxRecord r)
    {
        var recipients = OutboxStore.ReadRecipients(r.Recipients);
        return new OutboxNotice(r.PartitionKey, r.RowKey, r.DirectiveId, r.Label, r.Kind, r.Level, r.State,
            recipients.To, recipients.Cc, r.Subject, r.TextBody, r.CreatedUtc, r.Attempts, r.MessageId, r.SentUtc,
            r.LastStatusCode, r.LastError);
    }
}

/// <summary>The outbox table. Reservation is an insert (fails when the key exists); every update
/// carries the ETag it read, so two runs can never both move the same row.</summary>
public sealed class OutboxStore(TableStorage storage)
{
    public const string TableName = "Outbox";

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>Inserts the row; false (and nothing written) when a row with its key exists.</summary>
    public async Task<bool> TryAddAsync(OutboxRecord record, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableName);
        try
        {
            var response = await table.AddEntityAsync(record, ct);
            record.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces the row if nobody changed it since it was read; false on a lost race.
    /// The record's ETag is refreshed on success.</summary>
    public async Task<bool> TryUpdateAsync(OutboxRecord record, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableName);
        try
        {
            var response = await table.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace, ct);
            record.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    public async Task<OutboxRecord?> GetAsync(string instanceId, string stepId, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableName);
        var response = await table.GetEntityIfExistsAsync<OutboxRecord>(instanceId, stepId, cancellationToken: ct);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>A page of the notices of a directive, optionally of one item label (group members' labels such as
    /// "3.a.DBSH" are matched exactly): item after item, each item's notices in the order they were created.</summary>
    public async Task<ListPage<OutboxNotice>> ListPageAsync(string directiveId, string? label = null, int pageSize = ItemQueries.DefaultPageSize,
        string? continuationToken = null, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableName);
        // Instance ids are "{directiveId}:{label}" (ItemInstanceId.For): one item is one partition,
        // and a directive is the partition range ["{directiveId}:", "{directiveId};") (';' follows ':').
        var filter = label is null
            ? TableClient.CreateQueryFilter($"PartitionKey ge {directiveId + ":"} and PartitionKey lt {directiveId + ";"} and DirectiveId eq {directiveId}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Items.ItemInstanceId.For(directiveId, label)}");
        var page = await PageTokens.FirstPageAsync(table.QueryAsync<OutboxRecord>(filter, maxPerPage: pageSize, cancellationToken: ct),
            continuationToken, pageSize);
        var notices = page.Items.OrderBy(r => r.PartitionKey, StringComparer.Ordinal).ThenBy(r => r.CreatedUtc).ThenBy(r => r.RowKey, StringComparer.Ordinal)
            .Select(OutboxNotice.From).ToList();
        return new ListPage<OutboxNotice>(notices, page.ContinuationToken);
    }

    /// <summary>
    /// The notices whose delivery is unknown (they wait for an operator), oldest first, at most
    /// <paramref name="max"/>. One query over the table for its Failed rows: there are few of them
    /// (a Failed row is settled or replayed), and operators ask rarely.
    /// </summary>
    public async Task<(IReadOnlyList<OutboxRecord> Rows, bool Truncated)> ListOutcomeUnknownAsync(int max, CancellationToken ct = default)
    {
        var table = await storage.GetTableAsync(TableName);
        var rows = new List<OutboxRecord>();
        var filter = TableClient.CreateQueryFilter($"State eq {OutboxState.Failed}");
        await foreach (var row in table.QueryAsync<OutboxRecord>(filter, cancellationToken: ct))
        {
            if (!OutboxRecord.IsOutcomeUnknown(row)) continue;
            if (rows.Count == max) return (Order(rows), true);
            rows.Add(row);
        }
        return (Order(rows), false);

        static List<OutboxRecord> Order(List<OutboxRecord> list) =>
            list.OrderBy(r => r.CreatedUtc).ThenBy(r => r.PartitionKey, StringComparer.Ordinal).ThenBy(r => r.RowKey, StringComparer.Ordinal).ToList();
    }

    public static string WriteRecipients(NoticeRecipients recipients) =>
        System.Text.Json.JsonSerializer.Serialize(new RecipientsJson(recipients.To, recipients.Cc), Json);

    public static NoticeRecipients ReadRecipients(string json)
    {
        if (string.IsNullOrEmpty(json)) return new([], []);
        var r = System.Text.Json.JsonSerializer.Deserialize<RecipientsJson>(json, Json);
        return new(r?.To ?? [], r?.Cc ?? []);
    }

    private sealed record RecipientsJson(IReadOnlyList<NoticeAddress> To, IReadOnlyList<NoticeAddress> Cc);
}
