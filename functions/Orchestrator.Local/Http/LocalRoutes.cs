using Microsoft.DurableTask.Client;
using Orchestrator.Workflows.Admin;
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

        const KeyAuthorization.Level admin = KeyAuthorization.Level.Admin;
        app.MapGet("/" + Routes.AdminHealth, (HealthApi health, DurableTaskClient durable) =>
            health.GetDetailedAsync(durable)).RequireKey(admin);
        app.MapGet("/" + Routes.AdminInstances, (HttpRequest request, AdminApi api, DurableTaskClient durable) =>
            api.ListAsync(durable, request)).RequireKey(admin);
        app.MapGet("/" + Routes.AdminInstance, (string instanceId, AdminApi api, DurableTaskClient durable) =>
            api.GetAsync(durable, instanceId)).RequireKey(admin);
        app.MapPost("/" + Routes.AdminInstanceAction, (HttpRequest request, string instanceId, string action, AdminApi api, DurableTaskClient durable) =>
            api.ActAsync(durable, request, instanceId, action)).RequireKey(admin);
        app.MapPost("/" + Routes.AdminBulk, (HttpRequest request, string action, AdminApi api, DurableTaskClient durable) =>
            api.BulkAsync(durable, request, action)).RequireKey(admin);
        app.MapGet("/" + Routes.AdminAudit, (HttpRequest request, AdminApi api) => api.AuditAsync(request)).RequireKey(admin);
    }
}
