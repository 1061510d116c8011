using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Orchestrator.Functions.Hosting;
using Orchestrator.Workflows.Agencies;
using Orchestrator.Workflows.Api;

namespace Orchestrator.Functions.Http;

/// <summary>The agency directory's admin API over the shared handlers (operators only, see Security.ApiAuthorizationMiddleware);
/// changes are audited under the caller that middleware authenticated.</summary>
public sealed class AgencyHttpFunctions(AgencyApi api)
{
    [Function("AdminListAgencies")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminAgencies)] HttpRequest request) =>
        api.ListAsync(request).AsActionResult();

    [Function("AdminAddAgency")]
    public Task<IActionResult> Add(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminAgencies)] HttpRequest request) =>
        api.AddAsync(request).AsActionResult();

    [Function("AdminGetAgency")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminAgency)] HttpRequest request, string code) =>
        api.GetAsync(code, request.HttpContext.RequestAborted).AsActionResult();

    [Function("AdminEditAgency")]
    public Task<IActionResult> Edit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.AdminAgency)] HttpRequest request, string code) =>
        api.EditAsync(request, code).AsActionResult();

    [Function("AdminExportAgencies")]
    public Task<IActionResult> Export(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminAgencyFile)] HttpRequest request) =>
        api.ExportAsync(request.HttpContext.RequestAborted).AsActionResult();

    [Function("AdminImportAgencies")]
    public Task<IActionResult> Import(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AdminAgencyFile)] HttpRequest request) =>
        api.ImportAsync(request).AsActionResult();
}
