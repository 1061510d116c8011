using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Local.Http;
using Orchestrator.Testing;
using Orchestrator.Workflows.Api;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// The OpenAPI document the local host serves: it lists every route of the route table with the
/// methods the host maps, every operation in it is an endpoint of the host, the key scheme is
/// stated, and docs/openapi/v1.json (the copy for the Functions app) is the same document.
/// </summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    /// <summary>Set to 1 to rewrite docs/openapi/v1.json from the host instead of comparing.</summary>
    public const string UpdateVariable = "ORCHESTRATOR_UPDATE_OPENAPI";

    private TestHost _host = null!;
    private JsonObject _document = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        var response = await _host.Anonymous.GetAsync(ApiDocument.Path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string CommittedPath => typeof(OpenApiDocumentTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "OpenApiDocumentPath").Value!;

    /// <summary>(path, method) of every operation, e.g. ("/api/items", "get").</summary>
    private static IReadOnlySet<(string Path, string Method)> Operations(JsonObject document) =>
        document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(o => HttpMethods.Contains(o.Key)).Select(o => (p.Key, o.Key)))
            .ToHashSet();

    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    /// <summary>(path, method) of every endpoint the host maps on a route of the route table.</summary>
    private IReadOnlySet<(string Path, string Method)> HostEndpoints() =>
        _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(m => (e.RoutePattern.RawText!, m.ToLowerInvariant())))
            .ToHashSet();

    private static IReadOnlyList<string> RouteTable() =>
        typeof(Routes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => "/" + (string)f.GetRawConstantValue()!).ToList();

    [Fact]
    public void Every_route_of_the_route_table_is_in_the_document_with_every_method_the_host_maps_on_it()
    {
        var documented = Operations(_document);
        var routes = RouteTable();
        Assert.NotEmpty(routes);
        foreach (var route in routes)
            Assert.True(documented.Any(o => o.Path == route), $"{route} is not in the OpenAPI document");

        var mapped = HostEndpoints().Where(e => routes.Contains(e.Path)).ToList();
        Assert.NotEmpty(mapped);
        var missing = mapped.Where(e => !documented.Contains(e)).Select(e => $"{e.Method.ToUpperInvariant()} {e.Path}").ToList();
        Assert.True(missing.Count == 0, "not in the OpenAPI document: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_operation_in_the_document_is_an_endpoint_of_the_host_on_a_route_of_the_route_table()
    {
        var mapped = HostEndpoints();
        var routes = RouteTable();
        var documented = Operations(_document);
        Assert.NotEmpty(documented);
        var unknown = documented.Where(o => !mapped.Contains(o) || !routes.Contains(o.Path))
            .Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}").ToList();
        Assert.True(unknown.Count == 0, "documented but not an endpoint of the host on a route of Routes.cs: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Keyed_operations_state_their_key_scheme_and_only_health_and_action_links_are_open()
    {
        var schemes = _document["components"]!["securitySchemes"]!.AsObject();
        foreach (var name in new[] { ApiDocument.FunctionKeyScheme, ApiDocument.AdminKeyScheme })
        {
            Assert.Equal("apiKey", (string?)schemes[name]!["type"]);
            Assert.Equal("header", (string?)schemes[name]!["in"]);
            Assert.Equal("x-functions-key", (string?)schemes[name]!["name"]);
        }

        foreach (var (path, method) in Operations(_document))
        {
            var operation = _document["paths"]![path]![method]!;
            var scheme = operation["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(p => p.Key)).SingleOrDefault();
            var expected = path == "/" + Routes.Health || path == "/" + Routes.Act ? null
                : path.StartsWith("/api/admin/", StringComparison.Ordinal) ? ApiDocument.AdminKeyScheme
                : ApiDocument.FunctionKeyScheme;
            Assert.True(expected == scheme, $"{method.ToUpperInvariant()} {path}: key scheme {scheme ?? "none"}, expected {expected ?? "none"}");
            if (expected is not null) Assert.NotNull(operation["responses"]!["401"]);
        }
    }

    [Fact]
    public void Item_events_document_their_request_body_and_problem_details()
    {
        var complete = _document["paths"]!["/" + Routes.ItemComplete]!["post"]!;
        var body = complete["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        Assert.EndsWith("/" + nameof(CompleteRequest), body);
        var problem = complete["responses"]!["400"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>();
        Assert.EndsWith("/" + nameof(ApiProblem), problem);
        Assert.NotNull(_document["components"]!["schemas"]![nameof(ApiProblem)]!["properties"]!["errors"]);
    }

    [Fact]
    public void Query_parameters_the_handlers_read_are_documented()
    {
        var parameters = _document["paths"]!["/" + Routes.Outbox]!["get"]!["parameters"]!.AsArray()
            .ToDictionary(p => (string)p!["name"]!, p => ((string?)p!["in"], (bool?)p!["required"] ?? false));
        Assert.Equal(("query", true), parameters["directive"]);
        Assert.Equal(("query", false), parameters["label"]);
    }

    [Fact]
    public async Task The_committed_document_for_the_Functions_app_is_the_one_the_host_serves()
    {
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
            await File.WriteAllTextAsync(CommittedPath, _document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

        var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath));
        Assert.True(JsonNode.DeepEquals(_document, committed),
            $"docs/openapi/v1.json is stale: regenerate it with {UpdateVariable}=1 dotnet test tests/Orchestrator.EndToEnd.Tests " +
            $"--filter {nameof(The_committed_document_for_the_Functions_app_is_the_one_the_host_serves)}");
    }

    [Fact]
    public async Task The_reference_page_answers_with_html()
    {
        var response = await _host.Anonymous.GetAsync(ApiDocument.ReferencePage);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
