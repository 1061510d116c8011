using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Orchestrator.Functions.Hosting;
using Orchestrator.Workflows.Api;

namespace Orchestrator.Functions.Http;

/// <summary>POST /api/drafts over the shared handler: a letter in, a directive draft out (nothing stored).</summary>
public sealed class DraftHttpFunctions(DraftApi drafts)
{
    [Function("DraftDirective")]
    public Task<IActionResult> Draft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Drafts)] HttpRequest request) =>
        drafts.DraftAsync(request).AsActionResult();
}
