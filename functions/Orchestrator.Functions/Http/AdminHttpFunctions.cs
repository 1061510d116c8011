using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Orchestrator.Functions.Hosting;
using Orchestrator.Workflows.Admin;
using Orchestrator.Workflows.Api;

namespace Orchestrator.Functions.Http;

/// <summary>
/// The admin API (operations) over the shared handlers. Operators only: the admin key or the
/// operator app role, checked by <see cref="Security.ApiAuthorizationMiddleware"/>, which also makes
/// the caller the request's user for the audit.
/// </summary>
public sealed class AdminHttpFunctions(AdminApi api, HealthApi health, UnknownNoticeApi notices)
{
    [Function("AdminHealth")]
    public Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminHealth)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        health.GetDetailedAsync(durable).AsActionResult();

    [Function("AdminListInstances")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminInstances)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.ListAsync(durable, request).AsActionResult();

    [Function("AdminGetInstance")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminInstance)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string instanceId) =>
        api.GetAsync(durable, instanceId).AsActionResult();

    [Function("AdminInstanceAction")]
    public Task<IActionResult> Act(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminInstanceAction)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string instanceId, string action) =>
        api.ActAsync(durable, request, instanceId, action).AsActionResult();

    [Function("AdminBulk")]
    public Task<IActionResult> Bulk(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminBulk)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string action) =>
        api.BulkAsync(durable, request, action).AsActionResult();

    [Function("AdminAudit")]
    public Task<IActionResult> Audit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminAudit)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        api.AuditAsync(request).AsActionResult();

    [Function("AdminUnknownNotices")]
    public Task<IActionResult> UnknownNotices(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminUnknownNotices)] HttpRequest request) =>
        notices.ListAsync(request.HttpContext.RequestAborted).AsActionResult();

    [Function("AdminSettleNotice")]
    public Task<IActionResult> SettleNotice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminSettleNotice)] HttpRequest request,
        string instanceId, string stepId) =>
        notices.SettleAsync(request, instanceId, stepId).AsActionResult();
}
