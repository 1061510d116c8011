using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Orchestrator.Functions.Hosting;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Reports;

namespace Orchestrator.Functions.Http;

/// <summary>The monthly report over the shared handler.</summary>
public sealed class ReportHttpFunctions(ReportApi reports)
{
    [Function("MonthlyReport")]
    public Task<IActionResult> Monthly(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.MonthlyReport)] HttpRequest request) =>
        reports.MonthlyAsync(request).AsActionResult();
}
