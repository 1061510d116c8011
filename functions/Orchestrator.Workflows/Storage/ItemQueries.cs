using Azure.Data.Tables;
using System.Globalization;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Deadlines;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Items;
using DomainState = Orchestrator.Domain.Escalation.ItemState;

namespace Orchestrator.Workflows.Storage;

public sealed record ItemFilter(string? DirectiveId = null, string? Agency = null, StatusCategory? Category = null,
    int? DueWithinDays = null, bool OverdueOnly = false);

/// <summary>An item as the API shows it, with its official status category computed for now.
/// <see cref="DueDateExpected"/>: the due date falls in a year without a decided holiday schedule
/// (computed by rule, "dự kiến"); asked of the calendar when read, so loading the year's schedule clears it.</summary>
public sealed record ItemView(string DirectiveId, string Label, string InstanceId, string Task, string LeadAsWritten,
    string AgencyInCharge, string AgencyInChargeName, string? DueDate, DateTimeOffset? DueUtc, string State, int Level,
    string? LastStep, bool Urgent, StatusCategory Category, DateTimeOffset? EndedUtc, bool DueDateExpected = false);

/// <summary>One page of a list, and the token that fetches the next one (null on the last page).</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string? ContinuationToken);

/// <summary>
/// The questions tracking officers ask of the read model: by directive, by agency, by status
/// category, overdue now, due within N days, and counts by agency in the four official categories.
/// Categories change with time (an open item becomes overdue when its deadline passes), so they
/// are computed when asked, from the stored state and deadline.
/// Lists are read a page at a time (one storage request per page), in directive then label order;
/// the filters are given to the storage service, so a page may hold fewer items than asked (even
/// none) while its token says there are more. The summary reads the maintained counters
/// (<see cref="ItemCountStore"/>), not the items.
/// </summary>
public sealed class ItemQueries(TableStorage storage, ItemCountStore counts, AgencyDirectory agencies, TimeProvider clock,
    WorkingDayCalendar? calendar = null) : IDisposable
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    private const string BackfillPartition = "meta";
    private const string BackfillRow = "backfill";
    private readonly SemaphoreSlim _backfill = new(1, 1);
    private volatile bool _backfilled;

    /// <summary>The container disposes the singleton at shutdown, after the requests and jobs that use it.</summary>
    public void Dispose() => _backfill.Dispose();

    /// <summary>Every item the filter selects, page after page: for the digests and the export, which
    /// need the whole list. Null when it holds more than <paramref name="limit"/> items (read no further).</summary>
    public async Task<IReadOnlyList<ItemView>?> QueryAllAsync(ItemFilter filter, int limit = int.MaxValue)
    {
        var all = new List<ItemView>();
        string? token = null;
        do
        {
            var page = await QueryPageAsync(filter, MaxPageSize, token);
            all.AddRange(page.Items);
            if (all.Count > limit) return null;
            token = page.ContinuationToken;
        } while (token is not null);
        return all;
    }

    public async Task<ListPage<ItemView>> QueryPageAsync(ItemFilter filter, int pageSize = DefaultPageSize, string? continuationToken = null)
    {
        var table = await storage.GetTableAsync(ItemStore.ItemsTable);
        var now = clock.GetUtcNow();
        var agency = filter.Agency is { Length: > 0 } a ? agencies.FindByCode(a)?.Code ?? a : null;
        var page = await PageTokens.FirstPageAsync(table.QueryAsync<ItemRecord>(StorageFilter(filter, agency, now), maxPerPage: pageSize),
            continuationToken, pageSize);
        var views = page.Items.Select(row => ToView(row, now, calendar)).Where(view => Matches(view, filter, agency, now)).ToList();
        return new ListPage<ItemView>(views, page.ContinuationToken);
    }

    /// <summary>The storage filter of the rows that may be open items with a deadline (counted as within the deadline or overdue).</summary>
    public const string OpenWithDeadline = "(State eq 'Open' or State eq 'Overdue') and DeadlineKind ne 'None' and DeadlineKind ne 'Standing'";

    /// <summary>A superset of the filter that the storage service applies; <see cref="Matches"/> is exact.</summary>
    private static string? StorageFilter(ItemFilter filter, string? agency, DateTimeOffset now)
    {
        var parts = new List<string>();
        if (filter.DirectiveId is { } directive) parts.Add(TableClient.CreateQueryFilter($"PartitionKey eq {directive}"));
        if (agency is not null) parts.Add(TableClient.CreateQueryFilter($"AgencyInCharge eq {agency}"));
        const string open = OpenWithDeadline;
        if (filter.OverdueOnly || filter.Category == StatusCategory.Overdue)
            parts.Add(open + " and " + TableClient.CreateQueryFilter($"DueUtc le {now}"));
        if (filter.Category == StatusCategory.InProgressWithinDeadline || filter.DueWithinDays is not null)
            parts.Add(open + " and " + TableClient.CreateQueryFilter($"DueUtc gt {now}"));
        if (filter.DueWithinDays is { } days) parts.Add(TableClient.CreateQueryFilter($"DueUtc le {now.AddDays(days)}"));
        switch (filter.Category)
        {
            case StatusCategory.CompletedOnTime: parts.Add("State eq 'CompletedOnTime'"); break;
            case StatusCategory.CompletedLate: parts.Add("State eq 'CompletedLate'"); break;
            case StatusCategory.NotCountedWithdrawn: parts.Add("State eq 'Withdrawn'"); break;
            case StatusCategory.NotCountedStanding: parts.Add("DeadlineKind eq 'Standing'"); break;
        }
        return parts.Count == 0 ? null : string.Join(" and ", parts.Select(p => "(" + p + ")"));
    }

    private static bool Matches(ItemView view, ItemFilter filter, string? agency, DateTimeOffset now) =>
        (agency is null || string.Equals(view.AgencyInCharge, agency, StringComparison.OrdinalIgnoreCase))
        && (filter.Category is not { } category || view.Category == category)
        && (!filter.OverdueOnly || view.Category == StatusCategory.Overdue)
        && (filter.DueWithinDays is not { } days ||
            view.Category == StatusCategory.InProgressWithinDeadline && view.DueUtc is { } due && due <= now.AddDays(days));

    /// <summary>Counts by agency in charge, in the four official categories (the others are not counted):
    /// from the maintained counters, a bounded number of requests whatever the number of items.</summary>
    public async Task<IReadOnlyList<AgencySummary>> SummaryAsync(string? directiveId = null)
    {
        await EnsureCountedAsync();
        return await counts.SummaryAsync(clock.GetUtcNow(), directiveId);
    }

    /// <summary>
    /// Counts the items written before the counters existed, once per deployment: the first summary
    /// after an upgrade reads the whole read model (once), then a marker row says it is done. Items
    /// counted by their activities meanwhile are left alone, so it is safe while items run, and an
    /// interrupted run is simply done again.
    /// </summary>
    public async Task EnsureCountedAsync(CancellationToken ct = default)
    {
        if (_backfilled) return;
        await _backfill.WaitAsync(ct);
        try
        {
            if (_backfilled) return;
            var marks = await storage.GetTableAsync(ItemCountStore.TableName);
            if (!(await marks.GetEntityIfExistsAsync<TableEntity>(BackfillPartition, BackfillRow, cancellationToken: ct)).HasValue)
            {
                var items = await storage.GetTableAsync(ItemStore.ItemsTable);
                var rows = new List<ItemRecord>();
                await foreach (var row in items.QueryAsync<ItemRecord>(cancellationToken: ct)) rows.Add(row);
                await counts.CountMissingAsync(rows, ct);
                await marks.UpsertEntityAsync(new TableEntity(BackfillPartition, BackfillRow) { ["Items"] = rows.Count, ["AtUtc"] = clock.GetUtcNow() },
                    cancellationToken: ct);
            }
            _backfilled = true;
        }
        finally
        {
            _backfill.Release();
        }
    }

    /// <summary>The calendar the views say "expected" with (null: never said).</summary>
    public WorkingDayCalendar? Calendar => calendar;

    public static ItemView ToView(ItemRecord row, DateTimeOffset now, WorkingDayCalendar? calendar = null) =>
        new(row.PartitionKey, row.RowKey, row.InstanceId, row.Task, row.LeadAsWritten, row.AgencyInCharge,
            row.AgencyInChargeName, row.DueDate, row.DueUtc, row.State, row.Level, row.LastStep, row.Urgent,
            Categorize(row.State, row.DeadlineKind, row.DueUtc, row.EndedUtc, now), row.EndedUtc,
            IsExpected(row.DueDate, calendar));

    /// <summary>True when <paramref name="dueDate"/> (yyyy-MM-dd) is in a year the calendar computes by rule.</summary>
    public static bool IsExpected(string? dueDate, WorkingDayCalendar? calendar) =>
        calendar is not null
        && DateOnly.TryParseExact(dueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due)
        && WorkingDayCalendar.Covers(due.Year) && calendar.IsExpected(due);

    /// <summary>The official category of a read-model row's stored state and deadline at <paramref name="now"/>.</summary>
    public static StatusCategory Categorize(string storedState, string deadlineKind, DateTimeOffset? dueUtc, DateTimeOffset? endedUtc,
        DateTimeOffset now)
    {
        var state = Enum.TryParse<Items.ItemState>(storedState, out var s) ? s : Items.ItemState.Open;
        var domainState = state switch
        {
            Items.ItemState.CompletedOnTime or Items.ItemState.CompletedLate => DomainState.Completed,
            Items.ItemState.Withdrawn => DomainState.Withdrawn,
            _ => DomainState.Open,
        };
        var kind = Enum.TryParse<DeadlineKind>(deadlineKind, out var k) ? k : DeadlineKind.Date;
        return StatusCategories.Categorize(domainState, kind, dueUtc, endedUtc, now);
    }
}

public sealed record AgencySummary(string Agency, string AgencyName, int CompletedOnTime, int CompletedLate,
    int InProgressWithinDeadline, int Overdue);
