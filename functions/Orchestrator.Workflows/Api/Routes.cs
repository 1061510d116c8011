namespace Orchestrator.Workflows.Api;

/// <summary>
/// Every HTTP route, written once. The Functions app uses them in its trigger attributes (its
/// route prefix is empty in host.json), the local host maps the same strings, so both serve the
/// same paths.
/// </summary>
public static class Routes
{
    public const string Health = "health";
    public const string Directives = "api/directives";
    public const string Directive = "api/directives/{directiveId}";
    public const string DirectiveEvents = "api/directives/{directiveId}/events";
    public const string DirectiveImport = "api/directives/{directiveId}/import";

    /// <summary>The status URL of a directive's import (the 202's Location).</summary>
    public static string DirectiveImportOf(string directiveId) => "/api/directives/" + Uri.EscapeDataString(directiveId) + "/import";
    public const string Drafts = "api/drafts";
    public const string Items = "api/items";
    public const string Item = "api/items/{directiveId}/{label}";
    public const string ItemComplete = "api/items/{directiveId}/{label}/complete";
    public const string ItemProgress = "api/items/{directiveId}/{label}/progress";
    public const string ItemExtension = "api/items/{directiveId}/{label}/extension";
    public const string ItemWithdraw = "api/items/{directiveId}/{label}/withdraw";
    public const string ItemTransfer = "api/items/{directiveId}/{label}/transfer";
    public const string Summary = "api/summary";
    public const string Outbox = "api/outbox";
    public const string MonthlyReport = "api/reports/monthly";
    public const string Act = "act/{token}";

    // The data only the dashboard's pages need (its files are served on DashboardAssets.Route: not API).
    public const string DirectivePreview = "api/directives/preview";
    public const string ItemPlan = "api/items/{directiveId}/{label}/plan";
    public const string ItemsExport = "api/items/export";
    public const string Agencies = "api/agencies";
    public const string Overview = "api/overview";

    // Operations: operators only (the admin key or the operator app role; see Security.ApiAccess).
    public const string AdminHealth = "api/admin/health";
    public const string AdminInstances = "api/admin/instances";
    public const string AdminInstance = "api/admin/instances/{instanceId}";
    public const string AdminInstanceAction = "api/admin/instances/{instanceId}/{action}";
    public const string AdminBulk = "api/admin/bulk/{action}";
    public const string AdminAudit = "api/admin/audit";
    public const string AdminUnknownNotices = "api/admin/notices/unknown";
    public const string AdminSettleNotice = "api/admin/notices/{instanceId}/{stepId}/settle";
    /// <summary>The agency directory: GET lists, POST adds.</summary>
    public const string AdminAgencies = "api/admin/agencies";
    /// <summary>One agency: GET shows, PUT edits.</summary>
    public const string AdminAgency = "api/admin/agencies/{code}";
    /// <summary>The directory as a file: GET exports, POST imports.</summary>
    public const string AdminAgencyFile = "api/admin/agency-file";
    /// <summary>The working-day calendar: GET lists the decided years.</summary>
    public const string AdminCalendar = "api/admin/calendar";
    /// <summary>One year's decided holiday schedule: PUT loads it.</summary>
    public const string AdminCalendarYear = "api/admin/calendar/{year}";
}
