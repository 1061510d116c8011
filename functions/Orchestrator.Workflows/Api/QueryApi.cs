using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Notices;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Api;

/// <summary>GET /api/items, /api/summary and /api/outbox: what tracking officers watch.</summary>
public sealed class QueryApi(ItemQueries queries, OutboxStore outbox)
{
    /// <summary>Reads the paging parameters of a list (<c>pageSize</c>, <c>continuationToken</c>), naming the one that is wrong.</summary>
    public static (int PageSize, string? Token) ReadPaging(IQueryCollection query, List<FieldError> problems)
    {
        var pageSize = ItemQueries.DefaultPageSize;
        if (query["pageSize"].FirstOrDefault() is { Length: > 0 } size &&
            !(int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) && pageSize is >= 1 and <= ItemQueries.MaxPageSize))
            problems.Add(new("pageSize", $"a whole number from 1 to {ItemQueries.MaxPageSize}"));
        var token = query["continuationToken"].FirstOrDefault();
        RequestLimits.Check(problems, "continuationToken", token, RequestLimits.ContinuationToken);
        return (pageSize, token is { Length: > 0 } ? token : null);
    }

    /// <summary>Runs a page read; a continuation token the storage cannot use is the caller's error (400), not a 500.</summary>
    public static async Task<IResult> PagedAsync<T>(Func<Task<ListPage<T>>> read, Func<ListPage<T>, IResult> answer)
    {
        try
        {
            return answer(await read());
        }
        catch (InvalidContinuationTokenException e)
        {
            return ApiResults.BadRequest([new("continuationToken", e.Message)]);
        }
    }

    public const int MaxDueWithinDays = 3650;

    private static readonly string[] CategoryNames = Enum.GetValues<StatusCategory>().Select(Name).ToArray();

    public async Task<IResult> ItemsAsync(HttpRequest request)
    {
        var problems = new List<FieldError>();
        var filter = ReadItemFilter(request.Query, problems);
        var (pageSize, token) = ReadPaging(request.Query, problems);
        if (problems.Count > 0) return ApiResults.BadRequest(problems);
        return await PagedAsync(() => queries.QueryPageAsync(filter, pageSize, token),
            page => ApiResults.Json(new ItemListResponse(page.Items.Count, page.Items, page.ContinuationToken)));
    }

    /// <summary>The item filter of GET api/items' query (directive, agency, category, dueWithinDays, overdue), naming what is wrong.</summary>
    public static ItemFilter ReadItemFilter(IQueryCollection query, List<FieldError> problems)
    {
        StatusCategory? category = null;
        if (query["category"].FirstOrDefault() is { Length: > 0 } c)
        {
            category = Enum.GetValues<StatusCategory>().Cast<StatusCategory?>()
                .FirstOrDefault(v => string.Equals(Name(v!.Value), c, StringComparison.OrdinalIgnoreCase));
            if (category is null) problems.Add(new("category", "one of " + string.Join(", ", CategoryNames)));
        }
        int? dueWithin = null;
        if (query["dueWithinDays"].FirstOrDefault() is { Length: > 0 } d)
        {
            if (int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= MaxDueWithinDays) dueWithin = days;
            else problems.Add(new("dueWithinDays", $"a whole number of days from 0 to {MaxDueWithinDays}"));
        }
        var overdue = false;
        if (query["overdue"].FirstOrDefault() is { Length: > 0 } o && !bool.TryParse(o, out overdue))
            problems.Add(new("overdue", "true or false"));
        var directive = query["directive"].FirstOrDefault();
        if (directive is { Length: > 0 } && !ItemInstanceId.IsValidDirectiveId(directive))
            problems.Add(new("directive", IdGrammar.DirectiveIdExpected));
        RequestLimits.Check(problems, "agency", query["agency"], RequestLimits.Agency);
        return new ItemFilter(directive is { Length: > 0 } ? directive : null, query["agency"].FirstOrDefault(), category, dueWithin, overdue);
    }

    public async Task<IResult> SummaryAsync(HttpRequest request)
    {
        var directive = request.Query["directive"].FirstOrDefault();
        if (directive is { Length: > 0 } && !ItemInstanceId.IsValidDirectiveId(directive))
            return ApiResults.BadRequest([new("directive", IdGrammar.DirectiveIdExpected)]);
        var rows = await queries.SummaryAsync(directive is { Length: > 0 } ? directive : null);
        return ApiResults.Json(new SummaryResponse(
            Categories: ["completedOnTime", "completedLate", "inProgressWithinDeadline", "overdue"],
            Agencies: rows,
            Totals: new SummaryTotals(
                CompletedOnTime: rows.Sum(r => r.CompletedOnTime),
                CompletedLate: rows.Sum(r => r.CompletedLate),
                InProgressWithinDeadline: rows.Sum(r => r.InProgressWithinDeadline),
                Overdue: rows.Sum(r => r.Overdue))));
    }

    public async Task<IResult> OutboxAsync(HttpRequest request)
    {
        var directive = request.Query["directive"].FirstOrDefault();
        if (string.IsNullOrEmpty(directive) || !ItemInstanceId.IsValidDirectiveId(directive))
            return ApiResults.BadRequest([new("directive", "the directive id whose notices to list: " + IdGrammar.DirectiveIdExpected)]);
        var problems = new List<FieldError>();
        var label = request.Query["label"].FirstOrDefault();
        if (label is { Length: > 0 } && !ItemInstanceId.IsValidLabel(label))
            problems.Add(new("label", IdGrammar.LabelExpected));
        var (pageSize, token) = ReadPaging(request.Query, problems);
        if (problems.Count > 0) return ApiResults.BadRequest(problems);
        return await PagedAsync(() => outbox.ListPageAsync(directive, label is { Length: > 0 } ? label : null, pageSize, token),
            page => ApiResults.Json(new OutboxResponse(page.Items.Count, page.Items, page.ContinuationToken)));
    }

    private static string Name(StatusCategory category) => JsonSerializer.Serialize(category).Trim('"');
}
