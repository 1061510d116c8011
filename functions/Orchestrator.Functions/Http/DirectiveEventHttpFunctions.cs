using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Orchestrator.Functions.Hosting;
using Orchestrator.Workflows.Api;

namespace Orchestrator.Functions.Http;

/// <summary>The HTTP trigger that records an event items' dates wait for; the route comes from <see cref="Routes"/>.</summary>
public sealed class DirectiveEventHttpFunctions(DirectiveEventApi events)
{
    [Function("RecordDirectiveEvent")]
    public Task<IActionResult> Record(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.DirectiveEvents)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string directiveId) =>
        events.RecordAsync(durable, request, directiveId).AsActionResult();
}
