using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Orchestrator.Workflows.Api;

/// <summary>
/// Every /act answer (form, result, problem) is sent with: <c>Cache-Control: no-store</c> (the URL is
/// a credential and the page holds the item's details: no cache keeps either), <c>Referrer-Policy:
/// no-referrer</c> (the token in the URL never leaves in a Referer header) and a strict
/// <c>Content-Security-Policy</c> (nothing loads but the dashboard's own stylesheet; no script; the
/// form may post only to this origin; no framing). Set in the shared handler, so both hosts send them.
/// A browser (Accept: text/html) gets results and problems as a page in the dashboard's look; other
/// callers get them as JSON.
/// </summary>
public sealed class ActionPageResult(IResult inner) : IResult
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public IResult Inner { get; } = inner;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var headers = httpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return WantsPage(httpContext.Request) && AsPage(Inner) is { } page ? page.ExecuteAsync(httpContext) : Inner.ExecuteAsync(httpContext);
    }

    /// <summary>The page around an /act body: phone-width first, the dashboard's stylesheet.</summary>
    public static string Page(string title, string body) => $"""
        <!doctype html><html lang="vi"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{WebUtility.HtmlEncode(title)}</title><link rel="stylesheet" href="/ui/app.css"></head>
        <body class="act"><header class="topbar"><span class="brand">Theo dõi nhiệm vụ</span></header>
        <main id="main" class="act-main">{body}</main></body></html>
        """;

    private static bool WantsPage(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>A JSON result or problem shown as a page (null: the result is a page already).</summary>
    private static IResult? AsPage(IResult result)
    {
        if (result is ContentHttpResult) return null;
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        var value = (result as IValueHttpResult)?.Value;
        string heading, text;
        if (value is ProblemDetails problem)
        {
            heading = status == StatusCodes.Status410Gone ? "Liên kết không còn hiệu lực" : "Không thực hiện được";
            text = problem.Detail ?? problem.Title ?? "";
            if (problem.Extensions.TryGetValue("errors", out var errors) && errors is IEnumerable<FieldError> fields)
                text += string.Concat(fields.Select(f => $"\n• {f.Field}: {f.Message}"));
        }
        else
        {
            var json = value is null ? default : JsonSerializer.SerializeToElement(value, Hosting.WorkflowJson.Options);
            var already = json.ValueKind == JsonValueKind.Object &&
                          (json.TryGetProperty("alreadyDone", out var done) && done.ValueKind == JsonValueKind.True
                           || json.TryGetProperty("alreadyCompleted", out var completed) && completed.ValueKind == JsonValueKind.True);
            heading = already ? "Liên kết này đã được sử dụng" : "Đã ghi nhận";
            text = already
                ? "Nội dung đã được gửi trước đây; lần này không thay đổi gì."
                : "Cảm ơn. Nội dung của quý cơ quan đã được ghi nhận và chuyển tới bộ phận theo dõi.";
        }
        var role = status >= 400 ? "alert" : "status";
        var body = $"""
            <h1>{WebUtility.HtmlEncode(heading)}</h1>
            <p role="{role}" class="notice {(status >= 400 ? "notice-error" : "notice-ok")}">{WebUtility.HtmlEncode(text).Replace("\n", "<br>")}</p>
            """;
        return Results.Content(Page(heading, body), "text/html; charset=utf-8", statusCode: status);
    }
}
