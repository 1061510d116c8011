using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Orchestrator.Functions.Hosting;
using Orchestrator.Workflows.Api;

namespace Orchestrator.Functions.Security;

/// <summary>The Functions app's side of <see cref="ApiRequestRules"/>: writes must be JSON, answers
/// are not cached or sniffed (the local host applies the same rules as middleware).</summary>
public sealed class ApiRequestMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            ApiRequestRules.Protect(http);
            if (ApiRequestRules.Refusal(http.Request) is { } refusal)
            {
                context.GetInvocationResult().Value = new ResultActionResult(refusal);
                return;
            }
        }
        await next(context);
    }
}
