using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Orchestrator.Workflows.Security;

namespace Orchestrator.Functions.Security;

/// <summary>
/// The caller App Service Authentication (Entra ID) signed in. The platform validates the session
/// or bearer token and passes the principal to the app in <c>x-ms-client-principal</c> (base64 JSON:
/// its claims, with the claim type that carries roles in <c>role_typ</c>). The platform sets that
/// header itself and drops a caller's copy, but only when authentication is on
/// (<c>WEBSITE_AUTH_ENABLED=True</c>); with it off anyone could send it, so it is ignored.
/// </summary>
public sealed class AppServiceSignedInCaller(IConfiguration configuration) : ISignedInCallerSource
{
    public const string PrincipalHeader = "x-ms-client-principal";
    public const string PrincipalNameHeader = "x-ms-client-principal-name";
    public const string EnabledSetting = "WEBSITE_AUTH_ENABLED";
    private const string DefaultRoleType = "roles";

    public SignedInCaller? Read(HttpRequest request)
    {
        if (!(bool.TryParse(configuration[EnabledSetting], out var on) && on)) return null;
        var encoded = request.Headers[PrincipalHeader].ToString();
        if (encoded.Length == 0) return null;

        Principal? principal;
        try
        {
            principal = JsonSerializer.Deserialize<Principal>(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
        if (principal?.claims is not { } claims) return null;

        var roleType = string.IsNullOrEmpty(principal.role_typ) ? DefaultRoleType : principal.role_typ;
        var roles = claims.Where(c => (c.typ == roleType || c.typ == DefaultRoleType) && !string.IsNullOrEmpty(c.val))
            .Select(c => c.val!).Distinct(StringComparer.Ordinal).ToList();
        var name = request.Headers[PrincipalNameHeader].ToString().Trim();
        if (name.Length == 0)
            name = claims.FirstOrDefault(c => c.typ == principal.name_typ)?.val ?? "signed-in caller";
        return new SignedInCaller(name, roles);
    }

    // The platform's JSON names, as documented for App Service Authentication.
#pragma warning disable IDE1006
    private sealed record Principal(string? auth_typ, string? name_typ, string? role_typ, List<Claim>? claims);
    private sealed record Claim(string? typ, string? val);
#pragma warning restore IDE1006
}
