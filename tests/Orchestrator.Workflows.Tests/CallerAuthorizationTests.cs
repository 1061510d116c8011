using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Workflows.Admin;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Security;

namespace Orchestrator.Workflows.Tests;

/// <summary>One rule for who may call what, and the identity the audit then records.</summary>
public sealed class CallerAuthorizationTests
{
    private const string OfficerKey = "officer-key";
    private const string AdminKey = "admin-key";

    /// <summary>A platform that signed in whoever the test says (Entra ID in Azure).</summary>
    private sealed class SignedIn(SignedInCaller? caller) : ISignedInCallerSource
    {
        public SignedInCaller? Read(HttpRequest request) => caller;
    }

    private static CallerAuthorization Authorization(SignedInCaller? signedIn = null) =>
        new(new ApiOptions { Key = OfficerKey, AdminKey = AdminKey }, signedIn is null ? [] : [new SignedIn(signedIn)]);

    private static HttpContext Request(string path, string? key = null, string? codeQuery = null)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Path = path;
        if (key is not null) context.Request.Headers[CallerAuthorization.KeyHeader] = key;
        if (codeQuery is not null) context.Request.QueryString = new QueryString("?code=" + codeQuery);
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<int> StatusOf(IResult? result, HttpContext context)
    {
        if (result is null) return StatusCodes.Status200OK;
        await result.ExecuteAsync(context);
        return context.Response.StatusCode;
    }

    [Theory]
    [InlineData("/api/admin/instances", ApiRole.Operator)]
    [InlineData("/API//Admin/audit", ApiRole.Operator)]
    [InlineData("api/admin", ApiRole.Operator)]
    [InlineData("/api/items", ApiRole.Officer)]
    [InlineData("/api/administrators", ApiRole.Officer)]
    [InlineData("/Api/summary", ApiRole.Officer)]
    [InlineData("/health", ApiRole.Anyone)]
    [InlineData("/act/abc.def", ApiRole.Anyone)]
    [InlineData("/", ApiRole.Anyone)]
    [InlineData("/apiary", ApiRole.Anyone)]
    public void The_path_says_which_role_a_route_needs(string path, ApiRole expected) =>
        Assert.Equal(expected, ApiAccess.Required(path));

    [Theory]
    [InlineData("/api/items", OfficerKey, 200, "function key")]
    [InlineData("/api/items", AdminKey, 200, "admin key")]
    [InlineData("/api/admin/audit", AdminKey, 200, "admin key")]
    [InlineData("/api/admin/audit", OfficerKey, 401, null)]
    [InlineData("/api/items", "wrong", 401, null)]
    [InlineData("/api/items", null, 401, null)]
    [InlineData("/health", null, 200, null)]
    public async Task Keys_open_the_routes_of_their_role_and_name_the_caller(string path, string? key, int status, string? identity)
    {
        var context = Request(path, key);
        Assert.Equal(status, await StatusOf(Authorization().Authorize(context, ApiAccess.Required(path)), context));
        Assert.Equal(identity, context.User.Identity?.IsAuthenticated == true ? AdminCaller.Of(context).Identity : null);
    }

    [Fact]
    public void The_code_query_parameter_carries_a_key_too()
    {
        var context = Request("/api/admin/health", codeQuery: AdminKey);
        Assert.Null(Authorization().Authorize(context, ApiRole.Operator));
        Assert.Equal(CallerAuthorization.AdminKeyIdentity, AdminCaller.Of(context).Identity);
    }

    [Fact]
    public async Task A_signed_in_officer_opens_officer_routes_only_and_is_named_in_the_audit()
    {
        var officer = new SignedInCaller("officer@vpcp.example.org", [ApiAccess.OfficerRoleName]);

        var items = Request("/api/items");
        Assert.Null(Authorization(officer).Authorize(items, ApiRole.Officer));
        Assert.Equal("officer@vpcp.example.org", AdminCaller.Of(items).Identity);

        var admin = Request("/api/admin/instances");
        Assert.Equal(403, await StatusOf(Authorization(officer).Authorize(admin, ApiRole.Operator), admin));
        Assert.False(admin.User.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task A_signed_in_operator_opens_everything_and_one_without_a_role_nothing()
    {
        var operatorCaller = new SignedInCaller("ops@vpcp.example.org", ["orchestrator.operator"]);
        Assert.Null(Authorization(operatorCaller).Authorize(Request("/api/admin/audit"), ApiRole.Operator));
        Assert.Null(Authorization(operatorCaller).Authorize(Request("/api/items"), ApiRole.Officer));

        var nobody = new SignedInCaller("guest@example.org", ["Some.Other.Role"]);
        var context = Request("/api/items");
        Assert.Equal(403, await StatusOf(Authorization(nobody).Authorize(context, ApiRole.Officer), context));
    }

    [Fact]
    public async Task A_wrong_key_is_refused_even_when_the_platform_signed_someone_in()
    {
        // A key is an explicit claim to be that key's holder: a bad one is not passed over for the sign-in.
        var operatorCaller = new SignedInCaller("ops@vpcp.example.org", [ApiAccess.OperatorRoleName]);
        var context = Request("/api/admin/audit", key: "wrong");
        Assert.Equal(401, await StatusOf(Authorization(operatorCaller).Authorize(context, ApiRole.Operator), context));
    }

    [Fact]
    public async Task Unset_keys_match_nothing()
    {
        var open = new CallerAuthorization(new ApiOptions(), []);
        var context = Request("/api/items", key: "");
        Assert.Equal(401, await StatusOf(open.Authorize(context, ApiRole.Officer), context));
    }
}
