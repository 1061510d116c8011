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
    public const string Act = "act/{token}";

    // Operations: admin key (AuthorizationLevel.Admin in Azure, Api:AdminKey locally).
    public const string AdminHealth = "api/admin/health";
    public const string AdminInstances = "api/admin/instances";
    public const string AdminInstance = "api/admin/instances/{instanceId}";
    public const string AdminInstanceAction = "api/admin/instances/{instanceId}/{action}";
    public const string AdminBulk = "api/admin/bulk/{action}";
    public const string AdminAudit = "api/admin/audit";
}
