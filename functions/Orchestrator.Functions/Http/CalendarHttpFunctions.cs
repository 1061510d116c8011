using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Orchestrator.Functions.Hosting;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Calendar;

namespace Orchestrator.Functions.Http;

/// <summary>The working-day calendar's admin API over the shared handlers (operators only, see
/// Security.ApiAuthorizationMiddleware); a load is audited under the caller that middleware authenticated.</summary>
public sealed class CalendarHttpFunctions(CalendarApi api)
{
    [Function("AdminListCalendar")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdminCalendar)] HttpRequest request) =>
        api.ListAsync(request.HttpContext.RequestAborted).AsActionResult();

    [Function("AdminLoadCalendarYear")]
    public Task<IActionResult> Load(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.AdminCalendarYear)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string year) =>
        api.LoadAsync(durable, request, year).AsActionResult();
}
