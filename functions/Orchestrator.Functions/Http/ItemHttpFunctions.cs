using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Orchestrator.Functions.Hosting;
using Orchestrator.Workflows.Api;

namespace Orchestrator.Functions.Http;

/// <summary>HTTP triggers over the shared handlers; the routes come from <see cref="Routes"/>.</summary>
public sealed class ItemHttpFunctions(ItemApi api, HealthApi health)
{
    [Function("Health")]
    public Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Health)] HttpRequest request) =>
        health.GetAsync().AsActionResult();

    [Function("StartItem")]
    public Task<IActionResult> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Item)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string directiveId, string label) =>
        api.StartAsync(durable, request, directiveId, label).AsActionResult();

    [Function("GetItem")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Item)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string directiveId, string label) =>
        api.GetAsync(durable, directiveId, label).AsActionResult();

    [Function("CompleteItem")]
    public Task<IActionResult> Complete(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.ItemComplete)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string directiveId, string label) =>
        api.CompleteAsync(durable, request, directiveId, label).AsActionResult();
}
