using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Orchestrator.Workflows.Security;

namespace Orchestrator.Workflows.Api;

/// <summary>
/// What every API request and answer must be, whichever host serves it (the local host applies it as
/// middleware, the Functions app as worker middleware; both call this):
/// <list type="bullet">
/// <item>A write (POST, PUT, PATCH, DELETE) to the API carries <c>application/json</c>, or it is a 415.
/// A browser sends that type cross-site only after a CORS preflight, which this API never grants;
/// the types a cross-site form or a no-cors fetch can send (text/plain, form encodings, none at all)
/// are refused, so a signed-in officer's cookie cannot be ridden into a write. The letter route
/// takes letters (text, .docx, PDF) and stores nothing; the emailed link's form (<c>/act</c>) is not
/// under <c>api/</c> and its token is the credential.</item>
/// <item>API answers are not cached (<c>Cache-Control: no-store</c>: they carry tracked items and
/// keys' results) and not sniffed (<c>X-Content-Type-Options: nosniff</c>).</item>
/// </list>
/// </summary>
public static class ApiRequestRules
{
    public const string NoStore = "no-store";
    public const string NoSniff = "nosniff";

    /// <summary>The 415 problem for a write that is not JSON; null when the request may go on.</summary>
    public static IResult? Refusal(HttpRequest request)
    {
        if (!IsApi(request.Path) || !IsWrite(request.Method) || TakesLetters(request.Path)) return null;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            return null;
        return ApiResults.Problem(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON",
            $"A {request.Method} to the API must have Content-Type: application/json (got \"{request.ContentType ?? "none"}\"), " +
            "even when its body is empty ({}).",
            [new FieldError("Content-Type", "application/json")]);
    }

    /// <summary>Marks an API answer not to be cached or sniffed (before it starts).</summary>
    public static void Protect(HttpContext context)
    {
        if (!IsApi(context.Request.Path)) return;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.CacheControl = NoStore;
            headers.XContentTypeOptions = NoSniff;
            return Task.CompletedTask;
        });
    }

    private static bool IsApi(PathString path) => ApiAccess.Required(path) != ApiRole.Anyone;

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static bool TakesLetters(PathString path) =>
        path.Value?.Trim('/').Equals(Routes.Drafts, StringComparison.OrdinalIgnoreCase) == true;
}
