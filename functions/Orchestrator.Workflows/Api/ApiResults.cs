using Microsoft.AspNetCore.Http;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Workflows.Api;

/// <summary>A field that was wrong and what was expected of it.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>JSON bodies in the workflow JSON shape, and RFC 9457 problem details for every error.</summary>
public static class ApiResults
{
    public static IResult Json(object body, int status = StatusCodes.Status200OK) =>
        Results.Json(body, WorkflowJson.Options, statusCode: status);

    public static IResult Problem(int status, string title, string detail, IReadOnlyList<FieldError>? errors = null,
        IDictionary<string, object?>? extensions = null)
    {
        var ext = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>());
        if (errors is { Count: > 0 }) ext["errors"] = errors;
        return Results.Problem(detail: detail, statusCode: status, title: title, extensions: ext);
    }

    public static IResult BadRequest(IReadOnlyList<FieldError> errors) =>
        Problem(StatusCodes.Status400BadRequest, "The request is not valid",
            string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")), errors);

    /// <summary>The result with a Location header (a 201's resource, a 202's status URL).</summary>
    public static IResult WithLocation(IResult result, string location) => new LocatedResult(result, location);

    private sealed class LocatedResult(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);
}
