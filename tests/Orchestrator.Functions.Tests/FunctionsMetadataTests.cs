using System.Reflection;
using System.Text.Json;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Functions.Tests;

/// <summary>
/// Reads the functions.metadata that the Functions SDK generates at build time (what the Functions
/// host will load in Azure) and checks every function's trigger, route, methods and authorization
/// level, so a renamed route or an anonymous endpoint cannot slip in unseen.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private sealed record HttpFunction(string Route, string Method, string AuthLevel);

    /// <summary>Every HTTP function the app is meant to have. Anonymous only where a key cannot be asked.</summary>
    private static readonly Dictionary<string, HttpFunction> ExpectedHttp = new()
    {
        ["Health"] = new("health", "get", "Anonymous"),
        ["ImportDirective"] = new("api/directives", "post", "Function"),
        ["GetDirective"] = new("api/directives/{directiveId}", "get", "Function"),
        ["DraftDirective"] = new("api/drafts", "post", "Function"),
        ["QueryItems"] = new("api/items", "get", "Function"),
        ["Summary"] = new("api/summary", "get", "Function"),
        ["Outbox"] = new("api/outbox", "get", "Function"),
        ["GetItem"] = new("api/items/{directiveId}/{label}", "get", "Function"),
        ["CompleteItem"] = new("api/items/{directiveId}/{label}/complete", "post", "Function"),
        ["ReportProgress"] = new("api/items/{directiveId}/{label}/progress", "post", "Function"),
        ["Extension"] = new("api/items/{directiveId}/{label}/extension", "post", "Function"),
        ["WithdrawItem"] = new("api/items/{directiveId}/{label}/withdraw", "post", "Function"),
        ["TransferItem"] = new("api/items/{directiveId}/{label}/transfer", "post", "Function"),
        // The signed token in an email's link is the credential: a recipient has no function key.
        ["ActionLinkForm"] = new("act/{token}", "get", "Anonymous"),
        ["ActionLinkSubmit"] = new("act/{token}", "post", "Anonymous"),
        ["AdminHealth"] = new("api/admin/health", "get", "Admin"),
        ["AdminListInstances"] = new("api/admin/instances", "get", "Admin"),
        ["AdminGetInstance"] = new("api/admin/instances/{instanceId}", "get", "Admin"),
        ["AdminInstanceAction"] = new("api/admin/instances/{instanceId}/{action}", "post", "Admin"),
        ["AdminBulk"] = new("api/admin/bulk/{action}", "post", "Admin"),
        ["AdminAudit"] = new("api/admin/audit", "get", "Admin"),
    };

    /// <summary>The HTTP functions that start, read or signal orchestrations need the durable client binding.</summary>
    private static readonly string[] NeedDurableClient =
    [
        "ImportDirective", "GetItem", "CompleteItem", "ReportProgress", "Extension", "WithdrawItem", "TransferItem", "ActionLinkSubmit",
    ];

    private static readonly Lazy<IReadOnlyList<JsonElement>> Functions = new(Load);

    private static IReadOnlyList<JsonElement> Load()
    {
        var path = typeof(FunctionsMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FunctionsMetadataPath").Value!;
        Assert.True(File.Exists(path), $"functions.metadata not found at {path}: build the Functions app first.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static JsonElement Trigger(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    private static string Name(JsonElement function) => function.GetProperty("name").GetString()!;

    [Fact]
    public void Every_http_function_has_the_expected_route_method_and_authorization_level()
    {
        var actual = Functions.Value
            .Where(f => Trigger(f).GetProperty("type").GetString() == "httpTrigger")
            .ToDictionary(Name, f =>
            {
                var trigger = Trigger(f);
                return new HttpFunction(
                    trigger.GetProperty("route").GetString()!,
                    string.Join(",", trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString())),
                    trigger.GetProperty("authLevel").GetString()!);
            });

        Assert.Equal(ExpectedHttp.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
    }

    [Fact]
    public void Only_the_listed_endpoints_are_anonymous()
    {
        var anonymous = Functions.Value
            .Where(f => Trigger(f).TryGetProperty("authLevel", out var level) && level.GetString() == "Anonymous")
            .Select(Name).Order().ToList();
        Assert.Equal(ExpectedHttp.Where(p => p.Value.AuthLevel == "Anonymous").Select(p => p.Key).Order(), anonymous);
    }

    [Fact]
    public void Every_orchestrator_and_activity_of_the_catalog_has_a_wrapper_with_its_name_and_trigger()
    {
        var byName = Functions.Value.ToDictionary(Name, f => Trigger(f).GetProperty("type").GetString());
        foreach (var name in WorkflowCatalog.Orchestrators.Keys)
            Assert.Equal("orchestrationTrigger", byName.GetValueOrDefault(name));
        foreach (var name in WorkflowCatalog.Activities.Keys)
            Assert.Equal("activityTrigger", byName.GetValueOrDefault(name));

        var durableWrappers = byName.Where(p => p.Value is "orchestrationTrigger" or "activityTrigger").Select(p => p.Key).Order();
        Assert.Equal(WorkflowCatalog.Orchestrators.Keys.Concat(WorkflowCatalog.Activities.Keys).Order(), durableWrappers);
    }

    [Fact]
    public void The_retention_purge_runs_nightly_on_a_timer_with_a_durable_client()
    {
        var purge = Functions.Value.Single(f => Name(f) == "RetentionPurge");
        Assert.Equal("timerTrigger", Trigger(purge).GetProperty("type").GetString());
        Assert.Equal("0 30 2 * * *", Trigger(purge).GetProperty("schedule").GetString());
        Assert.Contains("durableClient", purge.GetProperty("bindings").EnumerateArray().Select(b => b.GetProperty("type").GetString()));
        Assert.Equal(["RetentionPurge"], Functions.Value.Where(f => Trigger(f).GetProperty("type").GetString() == "timerTrigger").Select(Name));
    }

    [Fact]
    public void Http_functions_that_touch_orchestrations_get_a_durable_client_binding()
    {
        foreach (var name in NeedDurableClient)
        {
            var function = Functions.Value.Single(f => Name(f) == name);
            var types = function.GetProperty("bindings").EnumerateArray().Select(b => b.GetProperty("type").GetString());
            Assert.Contains("durableClient", types);
        }
    }
}
