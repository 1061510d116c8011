using System.Reflection;
using System.Text.Json;
using Orchestrator.Workflows.Security;

namespace Orchestrator.Functions.Tests;

/// <summary>
/// docs/openapi/v1.json is the API's OpenAPI document for the Functions app (generated from the
/// local host, which serves the same routes; the end-to-end tests keep it current). Every operation
/// in it must be an HTTP function of the app, with its route and method, and every HTTP function
/// must be in it.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private static string PathOf(string key) => typeof(OpenApiDocumentTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;

    /// <summary>(route, method) of every operation in the document, the route without its leading slash as the Functions host writes it.</summary>
    private static HashSet<(string Route, string Method)> Documented()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(PathOf("OpenApiDocumentPath")));
        return document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => HttpMethods.Contains(o.Name)).Select(o => (p.Name.TrimStart('/'), o.Name)))
            .ToHashSet();
    }

    /// <summary>(route, method) of every HTTP function in the functions.metadata the build wrote.</summary>
    private static HashSet<(string Route, string Method)> HttpFunctions()
    {
        var path = PathOf("FunctionsMetadataPath");
        Assert.True(File.Exists(path), $"functions.metadata not found at {path}: build the Functions app first.");
        using var metadata = JsonDocument.Parse(File.ReadAllText(path));
        return metadata.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
            // The dashboard's files are pages, not API: the document leaves them out.
            .Where(b => b.GetProperty("route").GetString() != Orchestrator.Workflows.Dashboard.DashboardAssets.Route)
            .SelectMany(b => b.GetProperty("methods").EnumerateArray().Select(m => (b.GetProperty("route").GetString()!, m.GetString()!.ToLowerInvariant())))
            .ToHashSet();
    }

    [Fact]
    public void Every_documented_operation_is_an_http_function_of_the_app()
    {
        var functions = HttpFunctions();
        var documented = Documented();
        Assert.NotEmpty(documented);
        var unknown = documented.Where(o => !functions.Contains(o)).Select(o => $"{o.Method.ToUpperInvariant()} /{o.Route}").ToList();
        Assert.True(unknown.Count == 0, "documented but not an HTTP function of the Functions app: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_http_function_of_the_app_is_documented()
    {
        var documented = Documented();
        var functions = HttpFunctions();
        Assert.NotEmpty(functions);
        var missing = functions.Where(f => !documented.Contains(f)).Select(f => $"{f.Method.ToUpperInvariant()} /{f.Route}").ToList();
        Assert.True(missing.Count == 0, "HTTP functions missing from docs/openapi/v1.json: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_documented_operation_asks_for_the_key_that_the_path_rule_requires()
    {
        // The local host declares a key per endpoint (what this document shows); both hosts enforce
        // ApiAccess.Required(path). The two must say the same thing.
        using var document = JsonDocument.Parse(File.ReadAllText(PathOf("OpenApiDocumentPath")));
        var wrong = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject().Where(o => HttpMethods.Contains(o.Name)))
            {
                var schemes = operation.Value.TryGetProperty("security", out var security)
                    ? security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name)).ToList()
                    : [];
                var declared = schemes switch
                {
                    [] => ApiRole.Anyone,
                    ["adminKey"] => ApiRole.Operator,
                    ["functionKey"] => ApiRole.Officer,
                    _ => (ApiRole)(-1),
                };
                var required = ApiAccess.Required(path.Name);
                if (declared != required) wrong.Add($"{operation.Name.ToUpperInvariant()} {path.Name}: documented {declared}, required {required}");
            }
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }
}
