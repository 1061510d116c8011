using Microsoft.AspNetCore.Http;
using Orchestrator.Workflows.Api;

namespace Orchestrator.Workflows.Tests;

/// <summary>The rules both hosts apply to every API request (issue 23): writes are JSON or a 415.</summary>
public sealed class ApiRequestRulesTests
{
    private static HttpRequest Request(string method, string path, string? contentType)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.ContentType = contentType;
        return context.Request;
    }

    [Theory]
    [InlineData("POST", "/api/items/2026-1-VPCP-KTTH/1/withdraw", "text/plain")]
    [InlineData("POST", "/api/items/2026-1-VPCP-KTTH/1/withdraw", "application/x-www-form-urlencoded")]
    [InlineData("POST", "/api/items/2026-1-VPCP-KTTH/1/withdraw", "multipart/form-data; boundary=x")]
    [InlineData("POST", "/api/admin/instances/x/resume", null)]
    [InlineData("PUT", "/api/admin/agencies/BTC", "text/plain; charset=utf-8")]
    [InlineData("DELETE", "/API/admin/agencies/BTC", "")]
    [InlineData("POST", "/api/directives", "application/jsonp")]
    public void A_write_that_is_not_json_is_a_415(string method, string path, string? contentType)
    {
        var refusal = ApiRequestRules.Refusal(Request(method, path, contentType));

        var problem = Assert.IsAssignableFrom<IStatusCodeHttpResult>(refusal);
        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, problem.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/directives", "application/json")]
    [InlineData("POST", "/api/directives", "Application/JSON; charset=utf-8")]
    [InlineData("GET", "/api/items", null)]
    [InlineData("POST", "/api/drafts", "text/plain")]
    [InlineData("POST", "/act/token", "application/x-www-form-urlencoded")]
    [InlineData("GET", "/health", null)]
    public void Json_writes_reads_letters_and_the_emailed_form_go_on(string method, string path, string? contentType) =>
        Assert.Null(ApiRequestRules.Refusal(Request(method, path, contentType)));
}
