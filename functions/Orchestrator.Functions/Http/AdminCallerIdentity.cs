using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Orchestrator.Functions.Http;

/// <summary>
/// Who calls an admin function in Azure, set as the request's user so the shared admin code audits
/// it (locally the key check does the same). The isolated worker is told neither which key the host
/// accepted nor, with ASP.NET Core integration, the Easy Auth identity, so the identity is:
/// <list type="bullet">
/// <item>with App Service authentication on (<c>WEBSITE_AUTH_ENABLED=True</c>), the signed-in
/// principal's name from <c>x-ms-client-principal-name</c>: the platform sets that header itself
/// and does not let callers send it;</item>
/// <item>otherwise "master key": admin-level functions accept only the host master key. With
/// App Service authentication off, anyone could send that header, so it is ignored.</item>
/// </list>
/// </summary>
public sealed class AdminCallerIdentity(IConfiguration configuration)
{
    public const string MasterKeyIdentity = "master key";
    public const string PrincipalNameHeader = "x-ms-client-principal-name";
    private const string EasyAuthSetting = "WEBSITE_AUTH_ENABLED";

    public HttpRequest Authenticate(HttpRequest request)
    {
        var easyAuth = bool.TryParse(configuration[EasyAuthSetting], out var on) && on;
        var principal = easyAuth ? request.Headers[PrincipalNameHeader].ToString().Trim() : "";
        var (name, type) = principal.Length > 0 ? (principal, "AppServiceAuthentication") : (MasterKeyIdentity, "FunctionsKey");
        request.HttpContext.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], type));
        return request;
    }
}
