using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Orchestrator.Functions.Hosting;
using Orchestrator.Workflows.Agencies;
using Orchestrator.Workflows.Api;

namespace Orchestrator.Functions.Http;

/// <summary>The agency directory's admin API over the shared handlers (admin-level keys only);
/// changes are audited under the caller <see cref="AdminCallerIdentity"/> establishes.</summary>
public sealed class AgencyHttpFunctions(AgencyApi api, AdminCallerIdentity caller)
{
    [Function("AdminListAgencies")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = Routes.AdminAgencies)] HttpRequest request) =>
        api.ListAsync(request).AsActionResult();

    [Function("AdminAddAgency")]
    public Task<IActionResult> Add(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = Routes.AdminAgencies)] HttpRequest request) =>
        api.AddAsync(caller.Authenticate(request)).AsActionResult();

    [Function("AdminGetAgency")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = Routes.AdminAgency)] HttpRequest request, string code) =>
        api.GetAsync(code, request.HttpContext.RequestAborted).AsActionResult();

    [Function("AdminEditAgency")]
    public Task<IActionResult> Edit(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = Routes.AdminAgency)] HttpRequest request, string code) =>
        api.EditAsync(caller.Authenticate(request), code).AsActionResult();

    [Function("AdminExportAgencies")]
    public Task<IActionResult> Export(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = Routes.AdminAgencyFile)] HttpRequest request) =>
        api.ExportAsync(request.HttpContext.RequestAborted).AsActionResult();

    [Function("AdminImportAgencies")]
    public Task<IActionResult> Import(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = Routes.AdminAgencyFile)] HttpRequest request) =>
        api.ImportAsync(caller.Authenticate(request)).AsActionResult();
}
