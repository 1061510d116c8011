namespace Orchestrator.Workflows.Security;

/// <summary>
/// Who may call a route. Officers (the tracking office) use every page and route except operations;
/// operators use everything. Entra ID app roles carry the same two names in Azure.
/// </summary>
public enum ApiRole
{
    /// <summary>No credential: health, signed action links (the token is the credential), the pages.</summary>
    Anyone,
    Officer,
    Operator,
}

/// <summary>The one rule that says which role a path needs, on both hosts.</summary>
public static class ApiAccess
{
    /// <summary>Entra ID app role value of the tracking officers.</summary>
    public const string OfficerRoleName = "Orchestrator.Officer";

    /// <summary>Entra ID app role value of the operators (they hold every officer right too).</summary>
    public const string OperatorRoleName = "Orchestrator.Operator";

    /// <summary>
    /// <c>api/admin/...</c> needs an operator, any other <c>api/...</c> an officer, the rest nobody.
    /// Segments are compared without case and empty segments are skipped, as the routers match them,
    /// so <c>/API//Admin/x</c> is still an operator's path.
    /// </summary>
    public static ApiRole Required(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || !segments[0].Equals("api", StringComparison.OrdinalIgnoreCase))
            return ApiRole.Anyone;
        return segments.Length > 1 && segments[1].Equals("admin", StringComparison.OrdinalIgnoreCase)
            ? ApiRole.Operator
            : ApiRole.Officer;
    }

    /// <summary>Whether a caller holding <paramref name="held"/> may call a route that needs <paramref name="required"/>.</summary>
    public static bool Satisfies(ApiRole held, ApiRole required) => held >= required;
}
