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
    public const int MaxDueWithinDays = 3650;

    private static readonly string[] CategoryNames = Enum.GetValues<StatusCategory>().Select(Name).ToArray();

    public async Task<IResult> ItemsAsync(HttpRequest request)
    {
        var problems = new List<FieldError>();
        var query = request.Query;
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
        if (problems.Count > 0) return ApiResults.BadRequest(problems);

        var items = await queries.QueryAsync(new ItemFilter(directive is { Length: > 0 } ? directive : null,
            query["agency"].FirstOrDefault(), category, dueWithin, overdue));
        return ApiResults.Json(new ItemListResponse(items.Count, items));
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
        var label = request.Query["label"].FirstOrDefault();
        if (label is { Length: > 0 } && !ItemInstanceId.IsValidLabel(label))
            return ApiResults.BadRequest([new("label", IdGrammar.LabelExpected)]);
        var notices = await outbox.ListAsync(directive, label is { Length: > 0 } ? label : null);
        return ApiResults.Json(new OutboxResponse(notices.Count, notices));
    }

    private static string Name(StatusCategory category) => JsonSerializer.Serialize(category).Trim('"');
}
