using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Orchestrator.Functions.Hosting;

/// <summary>Lets the shared handlers' <see cref="IResult"/> answer a Functions HTTP trigger.</summary>
internal sealed class ResultActionResult(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}

internal static class ResultExtensions
{
    public static async Task<IActionResult> AsActionResult(this Task<IResult> result) => new ResultActionResult(await result);
}
