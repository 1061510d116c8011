using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Orchestrator.Workflows.Api;

namespace Orchestrator.Workflows.Security;

/// <summary>
/// Decides whether a request may call a route that needs a role, on both hosts:
/// <list type="bullet">
/// <item>a key in the <c>x-functions-key</c> header (or the <c>code</c> query parameter):
/// <c>Api:AdminKey</c> is an operator, <c>Api:Key</c> an officer;</item>
/// <item>otherwise the caller the platform signed in (<see cref="ISignedInCallerSource"/>, Entra ID
/// in Azure), by its app role.</item>
/// </list>
/// A caller that passes becomes the request's user, named as the audit table records it ("admin
/// key", "function key", or the signed-in name).
/// </summary>
public sealed class CallerAuthorization(ApiOptions options, IEnumerable<ISignedInCallerSource> platforms)
{
    public const string AdminKeyIdentity = "admin key";
    public const string FunctionKeyIdentity = "function key";
    public const string KeyHeader = "x-functions-key";

    /// <summary>Null when the request may go on; otherwise the 401/403 problem to answer with.</summary>
    public IResult? Authorize(HttpContext context, ApiRole required)
    {
        if (required == ApiRole.Anyone) return null;

        var presented = context.Request.Headers[KeyHeader].FirstOrDefault() ?? context.Request.Query["code"].FirstOrDefault();
        if (!string.IsNullOrEmpty(presented))
            return AuthorizeKey(context, presented, required);

        var signedIn = platforms.Select(p => p.Read(context.Request)).FirstOrDefault(c => c is not null);
        if (signedIn is null)
            return Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
                $"No key was given: send it in the {KeyHeader} header, or sign in.");
        if (signedIn.Role is not { } held || !ApiAccess.Satisfies(held, required))
            return Problem(StatusCodes.Status403Forbidden, "Forbidden",
                $"'{signedIn.Name}' is signed in without the {RoleName(required)} role this route needs.");
        SetUser(context, signedIn.Name, held, "AppServiceAuthentication");
        return null;
    }

    private IResult? AuthorizeKey(HttpContext context, string presented, ApiRole required)
    {
        var (identity, held) = Matches(presented, options.AdminKey) ? (AdminKeyIdentity, ApiRole.Operator)
            : Matches(presented, options.Key) ? (FunctionKeyIdentity, ApiRole.Officer)
            : (null, ApiRole.Anyone);
        if (identity is null || !ApiAccess.Satisfies(held, required))
            return Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
                required == ApiRole.Operator ? "The key is not the admin key." : "The key is not valid.");
        SetUser(context, identity, held, "FunctionsKey");
        return null;
    }

    private static void SetUser(HttpContext context, string name, ApiRole role, string authenticationType) =>
        context.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role.ToString())], authenticationType));

    private static string RoleName(ApiRole role) =>
        role == ApiRole.Operator ? ApiAccess.OperatorRoleName : ApiAccess.OfficerRoleName;

    private static bool Matches(string presented, string? expected) =>
        !string.IsNullOrEmpty(expected) &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    private static IResult Problem(int status, string title, string detail) => ApiResults.Problem(status, title, detail);
}
