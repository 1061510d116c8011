namespace Orchestrator.Workflows.Api;

/// <summary>
/// Every HTTP route, written once. The Functions app uses them in its trigger attributes (its
/// route prefix is empty in host.json), the local host maps the same strings, so both serve the
/// same paths.
/// </summary>
public static class Routes
{
    public const string Health = "health";
    public const string Item = "api/items/{directiveId}/{label}";
    public const string ItemComplete = "api/items/{directiveId}/{label}/complete";

    // Operations: admin key (AuthorizationLevel.Admin in Azure, Api:AdminKey locally).
    public const string AdminHealth = "api/admin/health";
    public const string AdminInstances = "api/admin/instances";
    public const string AdminInstance = "api/admin/instances/{instanceId}";
    public const string AdminInstanceAction = "api/admin/instances/{instanceId}/{action}";
    public const string AdminBulk = "api/admin/bulk/{action}";
    public const string AdminAudit = "api/admin/audit";
}
