using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Orchestrator.Functions.Hosting;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Dashboard;

namespace Orchestrator.Functions.Http;

/// <summary>The dashboard's files and the endpoints only its pages use, over the shared handlers.</summary>
public sealed class DashboardHttpFunctions(DashboardApi dashboard, DashboardAssets assets)
{
    /// <summary>Anonymous on purpose: static pages and scripts; every call they make carries a key.</summary>
    [Function("Dashboard")]
    public Task<IActionResult> Files(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = DashboardAssets.Route)] HttpRequest request, string? path) =>
        Task.FromResult(assets.Get(path, request)).AsActionResult();

    [Function("ListDirectives")]
    public Task<IActionResult> ListDirectives(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Directives)] HttpRequest request) =>
        dashboard.ListDirectivesAsync().AsActionResult();

    [Function("Overview")]
    public Task<IActionResult> Overview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Overview)] HttpRequest request) =>
        dashboard.OverviewAsync(request).AsActionResult();

    [Function("ListAgencies")]
    public Task<IActionResult> ListAgencies(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Agencies)] HttpRequest request) =>
        Task.FromResult(dashboard.ListAgencies()).AsActionResult();

    [Function("PreviewDirective")]
    public Task<IActionResult> Preview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.DirectivePreview)] HttpRequest request) =>
        dashboard.PreviewAsync(request).AsActionResult();

    [Function("GetItemPlan")]
    public Task<IActionResult> ItemPlan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ItemPlan)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string directiveId, string label) =>
        dashboard.ItemPlanAsync(durable, directiveId, label).AsActionResult();

    [Function("ExportItems")]
    public Task<IActionResult> Export(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ItemsExport)] HttpRequest request) =>
        dashboard.ExportItemsAsync(request).AsActionResult();
}
