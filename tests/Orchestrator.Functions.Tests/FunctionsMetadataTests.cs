using System.Reflection;
using System.Text.Json;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Security;

namespace Orchestrator.Functions.Tests;

/// <summary>
/// Reads the functions.metadata that the Functions SDK generates at build time (what the Functions
/// host will load in Azure) and checks every function's trigger, route, methods and authorization
/// level, so a renamed route or an anonymous endpoint cannot slip in unseen.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private sealed record HttpFunction(string Route, string Method, ApiRole Role);

    /// <summary>Every HTTP function the app is meant to have, and the role its caller needs (Anyone only where a
    /// key or sign-in cannot be asked).</summary>
    private static readonly Dictionary<string, HttpFunction> ExpectedHttp = new()
    {
        ["Health"] = new("health", "get", ApiRole.Anyone),
        ["ImportDirective"] = new("api/directives", "post", ApiRole.Officer),
        ["GetDirective"] = new("api/directives/{directiveId}", "get", ApiRole.Officer),
        ["QueryItems"] = new("api/items", "get", ApiRole.Officer),
        ["Summary"] = new("api/summary", "get", ApiRole.Officer),
        ["Outbox"] = new("api/outbox", "get", ApiRole.Officer),
        ["GetItem"] = new("api/items/{directiveId}/{label}", "get", ApiRole.Officer),
        ["CompleteItem"] = new("api/items/{directiveId}/{label}/complete", "post", ApiRole.Officer),
        ["ReportProgress"] = new("api/items/{directiveId}/{label}/progress", "post", ApiRole.Officer),
        ["Extension"] = new("api/items/{directiveId}/{label}/extension", "post", ApiRole.Officer),
        ["WithdrawItem"] = new("api/items/{directiveId}/{label}/withdraw", "post", ApiRole.Officer),
        ["TransferItem"] = new("api/items/{directiveId}/{label}/transfer", "post", ApiRole.Officer),
        ["RecordDirectiveEvent"] = new("api/directives/{directiveId}/events", "post", ApiRole.Officer),
        ["GetDirectiveImport"] = new("api/directives/{directiveId}/import", "get", ApiRole.Officer),
        ["MonthlyReport"] = new("api/reports/monthly", "get", ApiRole.Officer),
        ["DraftDirective"] = new("api/drafts", "post", ApiRole.Officer),
        // The signed token in an email's link is the credential: a recipient has no function key.
        ["ActionLinkForm"] = new("act/{token}", "get", ApiRole.Anyone),
        ["ActionLinkSubmit"] = new("act/{token}", "post", ApiRole.Anyone),
        ["AdminHealth"] = new("api/admin/health", "get", ApiRole.Operator),
        ["AdminListInstances"] = new("api/admin/instances", "get", ApiRole.Operator),
        ["AdminGetInstance"] = new("api/admin/instances/{instanceId}", "get", ApiRole.Operator),
        ["AdminInstanceAction"] = new("api/admin/instances/{instanceId}/{action}", "post", ApiRole.Operator),
        ["AdminBulk"] = new("api/admin/bulk/{action}", "post", ApiRole.Operator),
        ["AdminAudit"] = new("api/admin/audit", "get", ApiRole.Operator),
        ["AdminUnknownNotices"] = new("api/admin/notices/unknown", "get", ApiRole.Operator),
        ["AdminSettleNotice"] = new("api/admin/notices/{instanceId}/{stepId}/settle", "post", ApiRole.Operator),
        ["AdminListAgencies"] = new("api/admin/agencies", "get", ApiRole.Operator),
        ["AdminAddAgency"] = new("api/admin/agencies", "post", ApiRole.Operator),
        ["AdminGetAgency"] = new("api/admin/agencies/{code}", "get", ApiRole.Operator),
        ["AdminEditAgency"] = new("api/admin/agencies/{code}", "put", ApiRole.Operator),
        ["AdminExportAgencies"] = new("api/admin/agency-file", "get", ApiRole.Operator),
        ["AdminImportAgencies"] = new("api/admin/agency-file", "post", ApiRole.Operator),
        ["AdminListCalendar"] = new("api/admin/calendar", "get", ApiRole.Operator),
        ["AdminLoadCalendarYear"] = new("api/admin/calendar/{year}", "put", ApiRole.Operator),
        // The dashboard's files: static pages and scripts; every call they make carries a key.
        ["Dashboard"] = new("ui/{*path}", "get", ApiRole.Anyone),
        ["ListDirectives"] = new("api/directives", "get", ApiRole.Officer),
        ["PreviewDirective"] = new("api/directives/preview", "post", ApiRole.Officer),
        ["GetItemPlan"] = new("api/items/{directiveId}/{label}/plan", "get", ApiRole.Officer),
        ["ExportItems"] = new("api/items/export", "get", ApiRole.Officer),
        ["ListAgencies"] = new("api/agencies", "get", ApiRole.Officer),
        ["Overview"] = new("api/overview", "get", ApiRole.Officer),
    };

    /// <summary>The HTTP functions that start, read or signal orchestrations need the durable client binding.</summary>
    private static readonly string[] NeedDurableClient =
    [
        "ImportDirective", "RecordDirectiveEvent", "GetItem", "CompleteItem", "ReportProgress", "Extension", "WithdrawItem", "TransferItem", "ActionLinkSubmit",
        "ImportDirective", "GetItem", "GetItemPlan", "CompleteItem", "ReportProgress", "Extension", "WithdrawItem", "TransferItem", "ActionLinkSubmit",
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

    private static IEnumerable<JsonElement> HttpFunctions() =>
        Functions.Value.Where(f => Trigger(f).GetProperty("type").GetString() == "httpTrigger");

    [Fact]
    public void Every_http_function_has_the_expected_route_method_and_role()
    {
        // The role is what the one path rule (ApiAccess.Required) asks of its route: the same rule
        // ApiAuthorizationMiddleware applies here and the local host applies to the same paths.
        var actual = HttpFunctions().ToDictionary(Name, f =>
        {
            var trigger = Trigger(f);
            var route = trigger.GetProperty("route").GetString()!;
            return new HttpFunction(route, string.Join(",", trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString())),
                ApiAccess.Required(route));
        });

        Assert.Equal(ExpectedHttp.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
    }

    [Fact]
    public void Every_http_function_is_anonymous_to_the_host_so_the_middleware_alone_decides()
    {
        // Host-level keys would refuse an Entra ID sign-in without a key; a mix of both would make
        // two rules. ApiAuthorizationMiddleware is the check (see FunctionsAppContainerTests).
        var levels = HttpFunctions().Select(f => Trigger(f).GetProperty("authLevel").GetString()).Distinct().ToList();
        Assert.Equal(["Anonymous"], levels);
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
        Assert.Equal(["Digests", "RetentionPurge"], Functions.Value.Where(f => Trigger(f).GetProperty("type").GetString() == "timerTrigger").Select(Name).Order());
    }

    [Fact]
    public void The_digests_run_daily_at_eight_in_Vietnam()
    {
        var digests = Functions.Value.Single(f => Name(f) == "Digests");
        Assert.Equal("timerTrigger", Trigger(digests).GetProperty("type").GetString());
        Assert.Equal("0 0 1 * * *", Trigger(digests).GetProperty("schedule").GetString());
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
