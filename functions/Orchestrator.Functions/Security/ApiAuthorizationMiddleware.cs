using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Orchestrator.Functions.Hosting;
using Orchestrator.Workflows.Security;

namespace Orchestrator.Functions.Security;

/// <summary>
/// Every HTTP function is anonymous to the Functions host, and this middleware asks for the role
/// the path needs (<see cref="ApiAccess.Required"/>), as the local host does, through the same
/// <see cref="CallerAuthorization"/>: the API key or admin key (app settings <c>Api__Key</c>,
/// <c>Api__AdminKey</c>, from Key Vault), or an Entra ID sign-in with an app role. Host-level function
/// keys could not do that: a signed-in officer in the dashboard has no key.
/// </summary>
public sealed class ApiAuthorizationMiddleware(CallerAuthorization authorization) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http && Refusal(http) is { } refusal)
        {
            // The ASP.NET Core integration answers the request with the invocation's IActionResult.
            context.GetInvocationResult().Value = new ResultActionResult(refusal);
            return;
        }
        await next(context);
    }

    /// <summary>The 401/403 problem for a request that may not call its route; null when it may.</summary>
    public IResult? Refusal(HttpContext http) => authorization.Authorize(http, ApiAccess.Required(http.Request.Path));
}
