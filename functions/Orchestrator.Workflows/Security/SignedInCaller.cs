using Microsoft.AspNetCore.Http;

namespace Orchestrator.Workflows.Security;

/// <summary>A caller the platform signed in (App Service Authentication in Azure): name and app roles.</summary>
public sealed record SignedInCaller(string Name, IReadOnlyCollection<string> Roles)
{
    /// <summary>The highest of this caller's app roles, or null when it holds neither.</summary>
    public ApiRole? Role =>
        Roles.Contains(ApiAccess.OperatorRoleName, StringComparer.OrdinalIgnoreCase) ? ApiRole.Operator
        : Roles.Contains(ApiAccess.OfficerRoleName, StringComparer.OrdinalIgnoreCase) ? ApiRole.Officer
        : null;
}

/// <summary>
/// Reads the caller the hosting platform signed in, if any. Only the Functions app has one (App
/// Service Authentication); the local host registers none and takes keys only.
/// </summary>
public interface ISignedInCallerSource
{
    SignedInCaller? Read(HttpRequest request);
}
