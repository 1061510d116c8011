using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Orchestrator.Functions.Http;
using Orchestrator.Workflows.Admin;

namespace Orchestrator.Functions.Tests;

/// <summary>Who the audit names in Azure: the authenticated identity, never what the caller claims in a header.</summary>
public sealed class AdminCallerIdentityTests
{
    private static AdminCaller Caller(bool? easyAuth, params (string Name, string Value)[] headers)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WEBSITE_AUTH_ENABLED"] = easyAuth?.ToString(),
        }).Build();
        var context = new DefaultHttpContext();
        foreach (var (name, value) in headers) context.Request.Headers[name] = value;
        return AdminCaller.Of(new AdminCallerIdentity(settings).Authenticate(context.Request).HttpContext);
    }

    [Fact]
    public void Without_app_service_authentication_the_caller_is_the_master_key_and_the_headers_are_only_a_note()
    {
        var caller = Caller(easyAuth: null, ("x-operator", "root"), ("x-ms-client-principal-name", "ceo@example.org"));
        Assert.Equal(new AdminCaller("master key", "root"), caller);
        Assert.Equal(new AdminCaller("master key"), Caller(easyAuth: false, ("x-ms-client-principal-name", "ceo@example.org")));
    }

    [Fact]
    public void With_app_service_authentication_the_signed_in_principal_is_the_caller_and_x_operator_cannot_replace_it()
    {
        var caller = Caller(easyAuth: true, ("x-ms-client-principal-name", "officer@vpcp.example.org"), ("x-operator", "someone-else"));
        Assert.Equal(new AdminCaller("officer@vpcp.example.org", "someone-else"), caller);
        // Signed in with the key only (anonymous requests allowed by App Service): the key is the caller.
        Assert.Equal(new AdminCaller("master key"), Caller(easyAuth: true));
    }
}
