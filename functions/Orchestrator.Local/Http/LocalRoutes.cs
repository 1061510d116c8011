using Microsoft.DurableTask.Client;
using Microsoft.OpenApi;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Directives;
using Orchestrator.Workflows.Admin;
using Orchestrator.Workflows.Agencies;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Calendar;
using Orchestrator.Workflows.Storage;
using Orchestrator.Workflows.Directives;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Local.Http;

/// <summary>
/// Maps the shared routes onto the shared handlers, with the local key check. The handlers read
/// their own bodies and return IResult, so each endpoint states its body, responses and problems
/// here for the OpenAPI document (<see cref="ApiDocument"/>); names are the Functions app's function names.
/// </summary>
public static class LocalRoutes
{
    private const string Json = "application/json";
    private const string ProblemJson = "application/problem+json";

    public static void MapOrchestratorApi(this WebApplication app)
    {
        app.MapGet("/" + Routes.Health, (HealthApi health) => health.GetAsync())
            .WithTags("Health").WithName("Health").WithSummary("Is the service up? (no key)")
            .Produces<HealthResponse>().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);

        var directives = app.MapGroup("").WithTags("Directives");
        directives.MapPost("/" + Routes.Directives, (HttpRequest request, DirectiveApi api, DurableTaskClient durable) =>
            api.ImportAsync(durable, request)).RequireKey()
            .WithName("ImportDirective").WithSummary("Import a directive and start tracking its items")
            .WithDescription("The body is the directive document, or {\"directive\": ..., \"escalationPolicy\": ...} to override " +
                             "the configured escalation policy. A directive of at most " + ImportSettings.DefaultImmediateMaxItems +
                             " items (setting Import__ImmediateMaxItems) has its items started before the answer (201); a larger one answers 202 with the status " +
                             "URL in Location while its items start in the background.")
            .Body<Directive>(Json)
            .Query(Param("rebaseTo", "Shift the plan so the directive's issue date falls on this day (demo data)", format: "date"),
                Param("secondsPerDay", "Demo clock: one day of the plan lasts this many seconds", JsonSchemaType.Number))
            .Produces<ImportResponse>(StatusCodes.Status201Created).Produces<ImportResponse>()
            .Produces<ImportAcceptedResponse>(StatusCodes.Status202Accepted)
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        directives.MapGet("/" + Routes.DirectiveImport, (string directiveId, DirectiveApi api, DurableTaskClient durable) =>
            api.GetImportStatusAsync(durable, directiveId)).RequireKey()
            .WithName("GetDirectiveImport").WithSummary("How far the import of a directive's items has come (started, failed, done)")
            .Produces<ImportStatusResponse>().Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        directives.MapGet("/" + Routes.Directive, (string directiveId, HttpRequest request, DirectiveApi api) => api.GetAsync(directiveId, request)).RequireKey()
            .WithName("GetDirective").WithSummary("A directive as imported, with its escalation policy and a page of its items")
            .Query(PageSize, ContinuationToken)
            .Produces<DirectiveResponse>().Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        directives.MapPost("/" + Routes.DirectiveEvents, (string directiveId, HttpRequest request, DirectiveEventApi api, DurableTaskClient durable) =>
            api.RecordAsync(durable, request, directiveId)).RequireKey()
            .WithName("RecordDirectiveEvent").WithSummary("Record an event that items' dates wait for (dueAfter.event)")
            .WithDescription("Each open item of the directive that waits for the event gets its due date (the event's day plus its " +
                             "dueAfter.offsetDays, rolled to a working day) and a plan.")
            .Body<RecordEventRequest>(Json)
            .Produces<EventRecordedResponse>(StatusCodes.Status202Accepted)
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        app.MapPost("/" + Routes.Drafts, (HttpRequest request, DraftApi api) => api.DraftAsync(request)).RequireKey()
            .WithTags("Drafts").WithName("DraftDirective").WithSummary("Read a letter into a directive draft to review (nothing is stored)")
            .WithDescription("The body is the letter: text/plain (UTF-8, as copied from a PDF or a portal page), a .docx " +
                             $"({DraftApi.DocxContentType}) or a PDF with a text layer (application/pdf), at most {DraftApi.MaxLetterBytes} bytes " +
                             "and 200000 characters of text. The answer is the directive in the import format plus where each field came " +
                             "from (line numbers, confidence), flags for what was not found, the paragraphs that are not items, and the plan " +
                             "the import would make.")
            .Letter()
            .Query(Param("today", "The day whose agency in charge the plan shows (default: today in Vietnam)", format: "date"))
            .Produces<Orchestrator.Domain.Drafting.DirectiveDraft>()
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        var queries = app.MapGroup("").WithTags("Queries");
        queries.MapGet("/" + Routes.Items, (HttpRequest request, QueryApi api) => api.ItemsAsync(request)).RequireKey()
            .WithName("QueryItems").WithSummary("Items, filtered by directive, agency, category, due date, overdue")
            .Query(Param("directive", "Directive id"), Param("agency", "Agency code"),
                Param("category", "completedOnTime, completedLate, inProgressWithinDeadline or overdue"),
                Param("dueWithinDays", "Due within this many days", JsonSchemaType.Integer), Param("overdue", "Only overdue items", JsonSchemaType.Boolean),
                PageSize, ContinuationToken)
            .Produces<ItemListResponse>().Problems(StatusCodes.Status400BadRequest);
        queries.MapGet("/" + Routes.Summary, (HttpRequest request, QueryApi api) => api.SummaryAsync(request)).RequireKey()
            .WithName("Summary").WithSummary("Counts per agency and category (optionally of one directive)")
            .Query(Param("directive", "Directive id"))
            .Produces<SummaryResponse>().Problems(StatusCodes.Status400BadRequest);
        queries.MapGet("/" + Routes.Outbox, (HttpRequest request, QueryApi api) => api.OutboxAsync(request)).RequireKey()
            .WithName("Outbox").WithSummary("The notices of a directive (or of one of its items) and their delivery state")
            .Query(Param("directive", "Directive id", required: true), Param("label", "Item label"), PageSize, ContinuationToken)
            .Produces<OutboxResponse>().Problems(StatusCodes.Status400BadRequest);

        app.MapGet("/" + Routes.MonthlyReport, (HttpRequest request, Workflows.Reports.ReportApi api) => api.MonthlyAsync(request)).RequireKey()
            .WithTags("Reports").WithName("MonthlyReport")
            .WithSummary("The monthly report: counts per agency at the end of the period, overdue items, items due next month")
            .Query(Param("month", "The month, YYYY-MM (or give from and to)"), Param("from", "First day of a period", format: "date"),
                Param("to", "Last day of a period", format: "date"), Param("directive", "Directive id"),
                Param("format", "xlsx (default) or html"))
            .Problems(StatusCodes.Status400BadRequest)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Responses ??= [];
                operation.Responses["200"] = new OpenApiResponse
                {
                    Description = "The report: a workbook (format=xlsx) or a printable page (format=html)",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [Workflows.Reports.ReportXlsx.ContentType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                        ["text/html"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                    },
                };
                return Task.CompletedTask;
            });

        var items = app.MapGroup("").WithTags("Items");
        items.MapGet("/" + Routes.Item, (string directiveId, string label, ItemApi api, DurableTaskClient durable) =>
            api.GetAsync(durable, directiveId, label)).RequireKey()
            .WithName("GetItem").WithSummary("An item: its state, its orchestration's status and its timeline")
            .Produces<ItemResponse>().Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        MapItemEvent<CompleteRequest>(items, Routes.ItemComplete, "CompleteItem", "Report the item done", (api, durable, request, d, l) => api.CompleteAsync(durable, request, d, l));
        MapItemEvent<ProgressRequest>(items, Routes.ItemProgress, "ReportProgress", "Report progress on the item", (api, durable, request, d, l) => api.ProgressAsync(durable, request, d, l));
        MapItemEvent<ExtensionRequest>(items, Routes.ItemExtension, "Extension", "Ask for, grant or refuse a new due date", (api, durable, request, d, l) => api.ExtensionAsync(durable, request, d, l));
        MapItemEvent<WithdrawRequest>(items, Routes.ItemWithdraw, "WithdrawItem", "Withdraw the item", (api, durable, request, d, l) => api.WithdrawAsync(durable, request, d, l));
        MapItemEvent<TransferRequest>(items, Routes.ItemTransfer, "TransferItem", "Transfer the item to another agency", (api, durable, request, d, l) => api.TransferAsync(durable, request, d, l));

        // Signed links from emails: the token is the credential, no key.
        var links = app.MapGroup("").WithTags("Action links");
        links.MapGet("/" + Routes.Act, (string token, ActionLinkApi api, DurableTaskClient durable) => api.FormAsync(durable, token))
            .WithName("ActionLinkForm").WithSummary("The form behind an email's link (HTML; the signed token is the credential)")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .Produces(StatusCodes.Status401Unauthorized, contentType: "text/html").Produces(StatusCodes.Status403Forbidden, contentType: "text/html")
            .Produces(StatusCodes.Status410Gone, contentType: "text/html");
        links.MapPost("/" + Routes.Act, (HttpRequest request, string token, ActionLinkApi api, DurableTaskClient durable) =>
            api.SubmitAsync(durable, request, token)).DisableAntiforgery()
            .WithName("ActionLinkSubmit").WithSummary("Submit the form of an email's link (once)")
            .Body<ActionLinkForm>("application/x-www-form-urlencoded")
            .Produces<EventAcceptedResponse>(StatusCodes.Status202Accepted).Produces<AlreadyCompletedResponse>()
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
                StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status410Gone);

        // The dashboard: its files without a key (the pages ask for one), its data with the key.
        var dashboard = app.MapGroup("").WithTags("Dashboard");
        app.MapGet("/", () => Results.Redirect(Workflows.Dashboard.DashboardAssets.RoutePrefix)).ExcludeFromDescription();
        app.MapGet("/" + Workflows.Dashboard.DashboardAssets.Route, (string? path, HttpRequest request, Workflows.Dashboard.DashboardAssets assets) =>
            assets.Get(path, request)).ExcludeFromDescription();
        dashboard.MapGet("/" + Routes.Directives, (DashboardApi api) => api.ListDirectivesAsync()).RequireKey()
            .WithName("ListDirectives").WithSummary("The imported directives, newest first")
            .Produces<DirectiveListResponse>();
        dashboard.MapGet("/" + Routes.Overview, (HttpRequest request, DashboardApi api) => api.OverviewAsync(request)).RequireKey()
            .WithName("Overview").WithSummary("Counts per agency and category, the items due in 14 days and the most overdue, in one answer")
            .Query(Param("directive", "Directive id"), Param("dueFrom", "Only items due on or after this day", format: "date"),
                Param("dueTo", "Only items due on or before this day", format: "date"))
            .Produces<Workflows.Dashboard.OverviewResponse>().Problems(StatusCodes.Status400BadRequest);
        dashboard.MapGet("/" + Routes.Agencies, (DashboardApi api) => api.ListAgencies()).RequireKey()
            .WithName("ListAgencies").WithSummary("The agency directory: codes, names, contacts, successors")
            .Produces<AgencyDirectoryResponse>();
        dashboard.MapPost("/" + Routes.DirectivePreview, (HttpRequest request, DashboardApi api) => api.PreviewAsync(request)).RequireKey()
            .WithName("PreviewDirective").WithSummary("Validate and plan a directive without importing it")
            .Body<Directive>(Json)
            .Query(Param("rebaseTo", "Shift the plan so the directive's issue date falls on this day", format: "date"))
            .Produces<DirectivePreviewResponse>().Problems(StatusCodes.Status400BadRequest);
        dashboard.MapGet("/" + Routes.ItemPlan, (string directiveId, string label, DashboardApi api, DurableTaskClient durable) =>
            api.ItemPlanAsync(durable, directiveId, label)).RequireKey()
            .WithName("GetItemPlan").WithSummary("An item's deadline reading and current plan, each step with its notice's state")
            .Produces<ItemPlanResponse>().Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        dashboard.MapGet("/" + Routes.ItemsExport, (HttpRequest request, DashboardApi api) => api.ExportItemsAsync(request)).RequireKey()
            .WithName("ExportItems").WithSummary("Every item GET api/items lists for the same filter (all pages, at most 10,000), as an Excel workbook")
            .Query(Param("directive", "Directive id"), Param("agency", "Agency code"),
                Param("category", "completedOnTime, completedLate, inProgressWithinDeadline or overdue"),
                Param("dueWithinDays", "Due within this many days", JsonSchemaType.Integer), Param("overdue", "Only overdue items", JsonSchemaType.Boolean))
            .Produces(StatusCodes.Status200OK, contentType: Workflows.Dashboard.ItemWorkbook.ContentType).Problems(StatusCodes.Status400BadRequest);

        const KeyAuthorization.Level admin = KeyAuthorization.Level.Admin;
        var operations = app.MapGroup("").WithTags("Operations (admin key)");
        operations.MapGet("/" + Routes.AdminHealth, (HealthApi health, DurableTaskClient durable) =>
            health.GetDetailedAsync(durable)).RequireKey(admin)
            .WithName("AdminHealth").WithSummary("Storage, task hub, worker and instance counts")
            .Produces<DetailedHealthResponse>().Produces<DetailedHealthResponse>(StatusCodes.Status503ServiceUnavailable);
        operations.MapGet("/" + Routes.AdminInstances, (HttpRequest request, AdminApi api, DurableTaskClient durable) =>
            api.ListAsync(durable, request)).RequireKey(admin)
            .WithName("AdminListInstances").WithSummary("Orchestration instances, filtered and paged")
            .Query(Param("status", "Runtime statuses, comma-separated"), Param("createdFrom", "Created at or after", format: "date-time"),
                Param("createdTo", "Created at or before", format: "date-time"), Param("limit", "At most this many rows", JsonSchemaType.Integer),
                Param("prefix", "Instance id prefix (also instanceIdPrefix)"), Param("continuation", "Token from the previous page"))
            .Produces<InstanceListResponse>().Problems(StatusCodes.Status400BadRequest);
        operations.MapGet("/" + Routes.AdminInstance, (string instanceId, AdminApi api, DurableTaskClient durable) =>
            api.GetAsync(durable, instanceId)).RequireKey(admin)
            .WithName("AdminGetInstance").WithSummary("One instance: status, input, output, failure, history")
            .Produces<InstanceResponse>().Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        operations.MapPost("/" + Routes.AdminInstanceAction, (HttpRequest request, string instanceId, string action, AdminApi api, DurableTaskClient durable) =>
            api.ActAsync(durable, request, instanceId, action)).RequireKey(admin)
            .WithName("AdminInstanceAction").WithSummary("rewind, restart, terminate, suspend, resume, raise or purge one instance")
            .Body<AdminActionRequest>(Json)
            .Produces<InstanceActionResponse>(StatusCodes.Status202Accepted)
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status501NotImplemented);
        operations.MapPost("/" + Routes.AdminBulk, (HttpRequest request, string action, AdminApi api, DurableTaskClient durable) =>
            api.BulkAsync(durable, request, action)).RequireKey(admin)
            .WithName("AdminBulk").WithSummary("Apply an action to the instances a filter selects (dryRun=true to preview)")
            .Body<BulkFilter>(Json)
            .Query(Param("dryRun", "Report what would be done, change nothing", JsonSchemaType.Boolean))
            .Produces<BulkReport>().Problems(StatusCodes.Status400BadRequest);
        operations.MapGet("/" + Routes.AdminAudit, (HttpRequest request, AdminApi api) => api.AuditAsync(request)).RequireKey(admin)
            .WithName("AdminAudit").WithSummary("The audit trail of admin actions")
            .Query(Param("date", "UTC day (default today)", format: "date"), Param("limit", "At most this many entries", JsonSchemaType.Integer),
                Param("instanceId", "Only this instance"), Param("bulkId", "Only this bulk run"))
            .Produces<AuditResponse>().Problems(StatusCodes.Status400BadRequest);
        operations.MapGet("/" + Routes.AdminUnknownNotices, (UnknownNoticeApi api, HttpContext context) => api.ListAsync(context.RequestAborted))
            .RequireKey(admin)
            .WithName("AdminUnknownNotices").WithSummary("Notices whose delivery is unknown: they wait for an operator's decision")
            .Produces<UnknownNoticeListResponse>();
        operations.MapPost("/" + Routes.AdminSettleNotice, (HttpRequest request, string instanceId, string stepId, UnknownNoticeApi api) =>
            api.SettleAsync(request, instanceId, stepId)).RequireKey(admin)
            .WithName("AdminSettleNotice").WithSummary("Record a notice of unknown delivery as delivered, or send it again once (audited)")
            .Body<SettleNoticeRequest>(Json)
            .Produces<SettleNoticeResponse>()
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status502BadGateway);

        var agencies = app.MapGroup("").WithTags("Agency directory (admin key)");
        agencies.MapGet("/" + Routes.AdminAgencies, (HttpRequest request, AgencyApi api) => api.ListAsync(request)).RequireKey(admin)
            .WithName("AdminListAgencies").WithSummary("The stored agency directory, optionally filtered")
            .Query(Param("q", "Only agencies with a name, alias or code containing this (case, accents and punctuation ignored)"),
                Param("kind", "agency, group or descriptive"))
            .Produces<Workflows.Agencies.AgencyListResponse>().Problems(StatusCodes.Status400BadRequest);
        agencies.MapPost("/" + Routes.AdminAgencies, (HttpRequest request, AgencyApi api) => api.AddAsync(request)).RequireKey(admin)
            .WithName("AdminAddAgency").WithSummary("Add an agency (audited)")
            .Body<AgencyChangeRequest>(Json)
            .Produces<AgencyResponse>(StatusCodes.Status201Created).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        agencies.MapGet("/" + Routes.AdminAgency, (string code, AgencyApi api, HttpContext context) => api.GetAsync(code, context.RequestAborted))
            .RequireKey(admin)
            .WithName("AdminGetAgency").WithSummary("One agency: as stored, its ETag, who owes its work today, a group's members today")
            .Produces<AgencyResponse>().Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        agencies.MapPut("/" + Routes.AdminAgency, (HttpRequest request, string code, AgencyApi api) => api.EditAsync(request, code)).RequireKey(admin)
            .WithName("AdminEditAgency").WithSummary("Replace an agency: names, aliases, titles, group members, successor links, contacts (audited; If-Match: its ETag)")
            .Body<AgencyChangeRequest>(Json)
            .Produces<AgencyResponse>()
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);
        agencies.MapGet("/" + Routes.AdminAgencyFile, (AgencyApi api, HttpContext context) => api.ExportAsync(context.RequestAborted)).RequireKey(admin)
            .WithName("AdminExportAgencies").WithSummary("The whole directory as a file (the seed file's shape)")
            .Produces<AgencyFile>();
        agencies.MapPost("/" + Routes.AdminAgencyFile, (HttpRequest request, AgencyApi api) => api.ImportAsync(request)).RequireKey(admin)
            .WithName("AdminImportAgencies").WithSummary("Import a directory file: new codes added, given codes replaced, others kept (audited)")
            .Body<AgencyFile>(Json)
            .Produces<AgencyImportResponse>().Problems(StatusCodes.Status400BadRequest);

        var calendar = app.MapGroup("").WithTags("Working-day calendar (admin key)");
        calendar.MapGet("/" + Routes.AdminCalendar, (CalendarApi api, HttpContext context) => api.ListAsync(context.RequestAborted)).RequireKey(admin)
            .WithName("AdminListCalendar").WithSummary("The decided holiday schedules (built in or loaded, who loaded each and when); every other year 2000-2099 is expected")
            .Produces<CalendarListResponse>();
        calendar.MapPut("/" + Routes.AdminCalendarYear, (HttpRequest request, string year, CalendarApi api, DurableTaskClient durable) =>
                api.LoadAsync(durable, request, year)).RequireKey(admin)
            .WithName("AdminLoadCalendarYear").WithSummary("Load a year's decided holiday schedule (the shape of Calendar/Data/YYYY.json; audited); the running items it may move re-plan")
            .Body<HolidayYear>(Json)
            .Query(Param("reason", "Why, e.g. the decision's number (written to the audit table)"))
            .Produces<CalendarLoadResponse>().Problems(StatusCodes.Status400BadRequest);
    }

    private static void MapItemEvent<TRequest>(RouteGroupBuilder group, string route, string name, string summary,
        Func<ItemApi, DurableTaskClient, HttpRequest, string, string, Task<IResult>> handle) =>
        group.MapPost("/" + route, (HttpRequest request, string directiveId, string label, ItemApi api, DurableTaskClient durable) =>
            handle(api, durable, request, directiveId, label)).RequireKey()
            .WithName(name).WithSummary(summary)
            .Body<TRequest>(Json)
            .Produces<EventAcceptedResponse>(StatusCodes.Status202Accepted).Produces<AlreadyCompletedResponse>()
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    /// <summary>
    /// Documents the request body (and the 413 and 415 problems of reading it). Not <c>Accepts</c>: its metadata also makes routing refuse other
    /// content types with a bare 415, before the handler, which reads the body itself and answers a
    /// wrong one with a problem naming the field.
    /// </summary>
    private static RouteHandlerBuilder Body<TRequest>(this RouteHandlerBuilder builder, string contentType, bool required = true) =>
        builder.Problems(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType).AddOpenApiOperationTransformer(async (operation, context, cancellation) =>
        {
            var name = typeof(TRequest).Name;
            var document = context.Document!;
            document.AddComponent(name, await context.GetOrCreateSchemaAsync(typeof(TRequest), null, cancellation));
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = required,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [contentType] = new() { Schema = new OpenApiSchemaReference(name, document) },
                },
            };
        });

    /// <summary>Documents a letter body: plain text, a .docx or a PDF (the handler reads it by Content-Type).</summary>
    private static RouteHandlerBuilder Letter(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                    [DraftApi.DocxContentType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                    ["application/pdf"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                },
            };
            return Task.CompletedTask;
        });

    /// <summary>A query parameter a handler reads from the request itself.</summary>
    private sealed record QueryParameter(string Name, string Description, JsonSchemaType Type = JsonSchemaType.String,
        string? Format = null, bool Required = false);

    /// <summary>Documents the query parameters (the handlers read the query string themselves, so nothing infers them).</summary>
    private static readonly QueryParameter PageSize =
        Param("pageSize", $"Items per page, 1 to {ItemQueries.MaxPageSize} (default {ItemQueries.DefaultPageSize})", JsonSchemaType.Integer);
    private static readonly QueryParameter ContinuationToken =
        Param("continuationToken", "The continuationToken of the previous page's answer (absent: the first page)");

    private static QueryParameter Param(string name, string description, JsonSchemaType type = JsonSchemaType.String,
        string? format = null, bool required = false) => new(name, description, type, format, required);

    private static RouteHandlerBuilder Query(this RouteHandlerBuilder builder, params QueryParameter[] parameters) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var p in parameters)
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = p.Name,
                    In = ParameterLocation.Query,
                    Required = p.Required,
                    Description = p.Description,
                    Schema = new OpenApiSchema { Type = p.Type, Format = p.Format },
                });
            return Task.CompletedTask;
        });

    /// <summary>Error responses: problem details with the field errors of <see cref="ApiProblem"/>.</summary>
    private static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var status in statusCodes) builder.Produces<ApiProblem>(status, ProblemJson);
        return builder;
    }
}
