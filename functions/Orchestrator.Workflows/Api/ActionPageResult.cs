using Microsoft.AspNetCore.Http;

namespace Orchestrator.Workflows.Api;

/// <summary>
/// Every /act answer (form, result, problem) is sent with: <c>Cache-Control: no-store</c> (the URL is
/// a credential and the page holds the item's details: no cache keeps either), <c>Referrer-Policy:
/// no-referrer</c> (the token in the URL never leaves in a Referer header) and a strict
/// <c>Content-Security-Policy</c> (nothing loads; the form may post only to this origin; no framing).
/// Set in the shared handler, so both hosts send them.
/// </summary>
public sealed class ActionPageResult(IResult inner) : IResult
{
    public const string ContentSecurityPolicy = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public IResult Inner { get; } = inner;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var headers = httpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return Inner.ExecuteAsync(httpContext);
    }
}
