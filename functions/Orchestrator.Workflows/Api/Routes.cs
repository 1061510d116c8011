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
}
