using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Dashboard;
using Orchestrator.Workflows.Directives;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Notices;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Api;

/// <summary>A directive in the list of directives (without its content).</summary>
public sealed record DirectiveSummary(string DirectiveId, string DocumentNumber, string? Subject, DateTimeOffset ImportedUtc, int ItemCount,
    int ShiftDays, double? SecondsPerDay);

/// <summary>GET api/directives.</summary>
public sealed record DirectiveListResponse(int Count, IReadOnlyList<DirectiveSummary> Directives);

/// <summary>GET api/agencies: the directory as the host has it (read-only).</summary>
public sealed record AgencyDirectoryResponse(int Count, IReadOnlyList<Agency> Agencies);

/// <summary>One step of an item's current plan, and whether its notice went out.</summary>
/// <param name="DateExpected">The step's day is in a year without a decided holiday schedule: computed by rule ("dự kiến").</param>
public sealed record PlanStepView(string StepId, string StepKey, string Kind, int Level, DateOnly Date, DateTimeOffset FireAtUtc,
    string? NoticeState, DateTimeOffset? SentUtc, bool DateExpected = false);

/// <summary>GET api/items/{directiveId}/{label}/plan: what the directive says of the item, and its current plan.</summary>
public sealed record ItemPlanResponse(string DirectiveId, string Label, string Text, string LeadAsWritten, string LeadCode,
    IReadOnlyList<string> Coordinating, string? DeadlinePhrase, string DeadlineKind, DateOnly? WordsDate, DateOnly? DueDate,
    bool RolledOver, string Rule, int Plan, IReadOnlyList<PlanStepView> Steps);

/// <summary>One tracked item of a directive as an import would plan it.</summary>
public sealed record PreviewItem(string Label, string Text, string LeadAsWritten, string LeadCode, IReadOnlyList<string> Coordinating,
    string? DeadlinePhrase, string DeadlineKind, DateOnly? DueDate, string Rule, IReadOnlyList<PreviewStep> Steps);

public sealed record PreviewStep(string StepId, string Kind, int Level, DateOnly Date);

/// <summary>POST api/directives/preview: the plan of a directive, nothing stored.</summary>
public sealed record DirectivePreviewResponse(string DirectiveId, string DocumentNumber, string? Subject, int ShiftDays,
    IReadOnlyList<PreviewItem> Items, int StandingCount);

/// <summary>
/// What the dashboard needs that the other endpoints do not give: the list of directives, an
/// item's reading and plan with each step's notice state, a directive's plan before importing it,
/// the item list as a spreadsheet, and the dashboard's own files.
/// </summary>
public sealed class DashboardApi(TableStorage storage, DirectiveStore directives, DirectivePlanner planner, WorkingDayCalendar calendar,
    EscalationPolicy defaultPolicy, OutboxStore outbox, ItemQueries itemQueries, AgencyDirectory agencies, OverviewQuery overview, ApiOptions options)
{
    private static readonly string[] SummaryColumns =
        ["RowKey", nameof(DirectiveRecord.DocumentNumber), nameof(DirectiveRecord.Subject), nameof(DirectiveRecord.ImportedUtc),
         nameof(DirectiveRecord.ItemCount), nameof(DirectiveRecord.ShiftDays), nameof(DirectiveRecord.SecondsPerDay)];

    public async Task<IResult> ListDirectivesAsync()
    {
        var table = await storage.GetTableAsync(DirectiveStore.Table);
        var list = new List<DirectiveSummary>();
        // Only the small columns: the content chunks stay in storage.
        await foreach (var e in table.QueryAsync<TableEntity>(d => d.PartitionKey == DirectiveRecord.Partition, select: SummaryColumns))
            list.Add(new DirectiveSummary(e.RowKey, e.GetString(nameof(DirectiveRecord.DocumentNumber)) ?? "",
                e.GetString(nameof(DirectiveRecord.Subject)), e.GetDateTimeOffset(nameof(DirectiveRecord.ImportedUtc)) ?? default,
                e.GetInt32(nameof(DirectiveRecord.ItemCount)) ?? 0, e.GetInt32(nameof(DirectiveRecord.ShiftDays)) ?? 0,
                e.GetDouble(nameof(DirectiveRecord.SecondsPerDay))));
        return ApiResults.Json(new DirectiveListResponse(list.Count,
            list.OrderByDescending(d => d.ImportedUtc).ThenBy(d => d.DirectiveId, StringComparer.Ordinal).ToList()));
    }

    /// <summary>GET api/overview?directive=&amp;dueFrom=&amp;dueTo=: the overview page's counts and lists in one answer.</summary>
    public async Task<IResult> OverviewAsync(HttpRequest request)
    {
        var problems = new List<FieldError>();
        var directive = request.Query["directive"].FirstOrDefault();
        if (directive is { Length: > 0 } && !ItemInstanceId.IsValidDirectiveId(directive))
            problems.Add(new("directive", IdGrammar.DirectiveIdExpected));
        DateOnly? Day(string name)
        {
            if (request.Query[name].FirstOrDefault() is not { Length: > 0 } text) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", out var day)) { RequestLimits.CheckDate(problems, name, day); return day; }
            problems.Add(new(name, "a date YYYY-MM-DD"));
            return null;
        }
        var from = Day("dueFrom");
        var to = Day("dueTo");
        if (from > to) problems.Add(new("dueTo", "a date on or after dueFrom"));
        if (problems.Count > 0) return ApiResults.BadRequest(problems);
        return ApiResults.Json(await overview.GetAsync(directive is { Length: > 0 } ? directive : null, from, to));
    }

    public IResult ListAgencies() =>
        ApiResults.Json(new AgencyDirectoryResponse(agencies.All.Count, agencies.All.OrderBy(a => a.Code, StringComparer.Ordinal).ToList()));

    public async Task<IResult> ItemPlanAsync(DurableTaskClient durable, string directiveId, string label)
    {
        if (!ItemInstanceId.IsValidDirectiveId(directiveId)) return ApiResults.BadRequest([new("directiveId", IdGrammar.DirectiveIdExpected)]);
        if (!ItemInstanceId.IsValidLabel(label)) return ApiResults.BadRequest([new("label", IdGrammar.LabelExpected)]);
        if (await directives.GetAsync(directiveId) is null) return ApiResults.NotFound($"No directive '{directiveId}'.");
        var tracked = (await directives.GetPlanAsync(directiveId)).Items.FirstOrDefault(i => i.Label == label);
        if (tracked is null) return ApiResults.NotFound($"No item '{label}' in directive '{directiveId}'.");

        // The plan the orchestration runs now (a granted extension replaces it), from its input.
        var instance = await durable.GetInstanceAsync(ItemInstanceId.For(directiveId, label), getInputsAndOutputs: true);
        var input = instance?.ReadInputAs<ItemWorkflowInput>();
        var notices = (await outbox.ListPageAsync(directiveId, label, ItemQueries.MaxPageSize)).Items.ToDictionary(n => n.StepId, StringComparer.Ordinal);
        var plan = input?.Plan ?? 1;
        var steps = (input?.Steps ?? []).Select(s =>
        {
            var key = StepKeys.For(plan, s.StepId);
            var notice = notices.GetValueOrDefault(key);
            return new PlanStepView(s.StepId, key, s.Kind.ToString(), s.Level, s.Date, s.FireAtUtc, notice?.State, notice?.SentUtc,
                WorkingDayCalendar.Covers(s.Date.Year) && calendar.IsExpected(s.Date));
        }).ToList();
        var d = tracked.Deadline;
        return ApiResults.Json(new ItemPlanResponse(directiveId, label, tracked.Text, tracked.LeadAsWritten, tracked.LeadCode,
            tracked.Coordinating.Select(c => c.AsWritten).ToList(), d.Phrase.Length == 0 ? null : d.Phrase, d.Kind.ToString(),
            d.WordsDate, input?.DueDate ?? d.DueDate, d.RolledOver, d.Rule, plan, steps));
    }

    /// <summary>Validates and plans a directive document (with <c>?rebaseTo=</c> as an import would shift it); stores nothing.</summary>
    public async Task<IResult> PreviewAsync(HttpRequest request)
    {
        DateOnly? rebaseTo = null;
        if (request.Query["rebaseTo"].FirstOrDefault() is { Length: > 0 } rebase)
        {
            if (DateOnly.TryParseExact(rebase, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) rebaseTo = day;
            else return ApiResults.BadRequest([new("rebaseTo", "a date YYYY-MM-DD")]);
        }
        // The import's own bounds (a rebase to 9999-12-31 shifted the plan past DateOnly's end: a 500).
        if (DirectiveImporter.CheckOptions(new ImportOptions(rebaseTo, null)).ToList() is { Count: > 0 } optionProblems)
            return ApiResults.BadRequest(optionProblems);
        var text = await JsonBody.ReadTextAsync(request, options.MaxBodyBytes);
        if (text.Error is not null) return text.Error;
        // Read as strictly as the import reads it, so what previews cleanly imports cleanly.
        Directive? directive;
        try { directive = JsonSerializer.Deserialize<Directive>(text.Text!, DirectiveApi.Strict); }
        catch (JsonException e) { return ApiResults.BadRequest([new FieldError(e.Path ?? "$", JsonBody.Describe(e, typeof(Directive)))]); }
        catch (InvalidOperationException e) when (JsonBody.IsInvalidText(e)) { return ApiResults.BadRequest([new FieldError("$", JsonBody.InvalidTextMessage)]); }
        if (directive is null) return ApiResults.BadRequest([new FieldError("$", "a directive document (JSON object) was expected")]);
        var problems = planner.Validate(directive);
        if (problems.Count > 0) return ApiResults.BadRequest(problems.Select(p => new FieldError(p.Path, p.Message)).ToList());

        var plan = planner.Plan(directive);
        var shift = rebaseTo is { } r ? r.DayNumber - directive.IssueDate!.Value.DayNumber : 0;
        var shifted = DirectiveShift.Apply(plan, shift);
        try
        {
            var items = shifted.Items.Select(i => new PreviewItem(i.Label, i.Text, i.LeadAsWritten, i.LeadCode,
                i.Coordinating.Select(c => c.AsWritten).ToList(), i.Deadline.Phrase.Length == 0 ? null : i.Deadline.Phrase,
                i.Deadline.Kind.ToString(), i.Deadline.DueDate, i.Deadline.Rule,
                EscalationPlanner.PlanFor(i, defaultPolicy, calendar, notBefore: directive.IssueDate!.Value.AddDays(shift))
                    .Select(s => new PreviewStep(s.StepId, s.Kind.ToString(), s.Level, s.Date)).ToList())).ToList();
            return ApiResults.Json(new DirectivePreviewResponse(plan.DirectiveId, directive.DocumentNumber, directive.Subject, shift,
                items, plan.Standing.Count));
        }
        catch (CalendarYearMissingException e)
        {
            return ApiResults.BadRequest([new FieldError(rebaseTo is null ? "items" : "rebaseTo", e.Message)]);
        }
    }

    /// <summary>The most items one export writes: the whole filtered list is read page after page on the
    /// server, so a bigger list is refused (narrow the filter) rather than cut short without a word.</summary>
    public const int MaxExportItems = 10_000;

    /// <summary>The whole list GET api/items selects with the same filter (every page), as an .xlsx workbook.</summary>
    public async Task<IResult> ExportItemsAsync(HttpRequest request)
    {
        var problems = new List<FieldError>();
        var filter = QueryApi.ReadItemFilter(request.Query, problems);
        if (problems.Count > 0) return ApiResults.BadRequest(problems);
        if (await itemQueries.QueryAllAsync(filter, MaxExportItems) is not { } items)
            return ApiResults.BadRequest([new("filter",
                $"a filter (directive, agency, category, dueWithinDays, overdue) that selects at most {MaxExportItems} items to export")]);
        var bytes = ItemWorkbook.Write(items);
        return Results.File(bytes, ItemWorkbook.ContentType, $"nhiem-vu-{DateTime.UtcNow:yyyyMMdd-HHmm}.xlsx");
    }
}
