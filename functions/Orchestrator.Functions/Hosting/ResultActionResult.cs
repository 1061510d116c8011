using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Workflows.Api;

namespace Orchestrator.Functions.Hosting;

/// <summary>Lets the shared handlers' <see cref="IResult"/> answer a Functions HTTP trigger.</summary>
internal sealed class ResultActionResult(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}

internal static class ResultExtensions
{
    /// <summary>The handler's result; storage that does not answer becomes 503 (<see cref="StorageUnavailable"/>), as on the local host.</summary>
    public static async Task<IActionResult> AsActionResult(this Task<IResult> result)
    {
        try
        {
            return new ResultActionResult(await result);
        }
        catch (Exception e) when (StorageUnavailable.Matches(e))
        {
            return new ResultActionResult(StorageUnavailable.Problem());
        }
    }
}
