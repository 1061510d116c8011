using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Orchestrator.Functions.Security;
using Orchestrator.Workflows.Security;

namespace Orchestrator.Functions.Tests;

/// <summary>Who App Service Authentication signed in, trusted only when the platform is the one that says it.</summary>
public sealed class AppServiceSignedInCallerTests
{
    private static string Principal(params (string Type, string Value)[] claims) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            name_typ = "preferred_username",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
            claims = claims.Select(c => new { typ = c.Type, val = c.Value }),
        })));

    private static SignedInCaller? Read(string? authEnabled, string? principal, string? name = null)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AppServiceSignedInCaller.EnabledSetting] = authEnabled,
        }).Build();
        var request = new DefaultHttpContext().Request;
        if (principal is not null) request.Headers[AppServiceSignedInCaller.PrincipalHeader] = principal;
        if (name is not null) request.Headers[AppServiceSignedInCaller.PrincipalNameHeader] = name;
        return new AppServiceSignedInCaller(settings).Read(request);
    }

    private const string RoleType = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

    [Fact]
    public void With_authentication_on_the_principal_gives_name_and_app_roles()
    {
        var caller = Read("True", Principal(("preferred_username", "ops@vpcp.example.org"), (RoleType, ApiAccess.OperatorRoleName), ("roles", "Other")));

        Assert.NotNull(caller);
        Assert.Equal("ops@vpcp.example.org", caller.Name);
        Assert.Equal(ApiRole.Operator, caller.Role);
        Assert.Equal("officer@x.example.org", Read("true", Principal((RoleType, ApiAccess.OfficerRoleName)), name: "officer@x.example.org")!.Name);
        Assert.Equal(ApiRole.Officer, Read("true", Principal(("roles", ApiAccess.OfficerRoleName)))!.Role);
    }

    [Fact]
    public void With_authentication_off_the_headers_are_anyones_and_are_ignored()
    {
        var forged = Principal(("preferred_username", "ceo@example.org"), (RoleType, ApiAccess.OperatorRoleName));
        Assert.Null(Read(null, forged));
        Assert.Null(Read("False", forged, name: "ceo@example.org"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("bm90IGpzb24=")]
    public void An_unreadable_principal_is_no_caller(string header) => Assert.Null(Read("True", header));

    [Fact]
    public void A_principal_without_either_role_signs_in_without_a_role()
    {
        var caller = Read("True", Principal(("preferred_username", "guest@example.org")));
        Assert.NotNull(caller);
        Assert.Null(caller.Role);
    }
}
