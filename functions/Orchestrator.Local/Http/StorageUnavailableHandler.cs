using Microsoft.AspNetCore.Diagnostics;
using Orchestrator.Workflows.Api;

namespace Orchestrator.Local.Http;

/// <summary>Answers a request that failed because storage is down with 503 (<see cref="StorageUnavailable"/>), not 500.</summary>
internal sealed class StorageUnavailableHandler(ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!StorageUnavailable.Matches(exception)) return false;
        LocalLog.StorageDidNotAnswer(logger, context.Request.Method, context.Request.Path, exception.Message.Split('\n')[0]);
        await StorageUnavailable.Problem().ExecuteAsync(context);
        return true;
    }
}
