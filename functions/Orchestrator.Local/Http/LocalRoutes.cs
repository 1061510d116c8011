using Microsoft.DurableTask.Client;
using Orchestrator.Workflows.Api;

namespace Orchestrator.Local.Http;

/// <summary>Maps the shared routes onto the shared handlers, with the local key check.</summary>
public static class LocalRoutes
{
    public static void MapOrchestratorApi(this WebApplication app)
    {
        app.MapGet("/" + Routes.Health, (HealthApi health) => health.GetAsync());

        app.MapPost("/" + Routes.Item, (HttpRequest request, string directiveId, string label, ItemApi api, DurableTaskClient durable) =>
            api.StartAsync(durable, request, directiveId, label)).RequireKey();
        app.MapGet("/" + Routes.Item, (string directiveId, string label, ItemApi api, DurableTaskClient durable) =>
            api.GetAsync(durable, directiveId, label)).RequireKey();
        app.MapPost("/" + Routes.ItemComplete, (HttpRequest request, string directiveId, string label, ItemApi api, DurableTaskClient durable) =>
            api.CompleteAsync(durable, request, directiveId, label)).RequireKey();
    }
}
