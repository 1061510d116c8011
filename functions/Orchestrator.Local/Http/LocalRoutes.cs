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

        app.MapPost("/" + Routes.Directives, (HttpRequest request, DirectiveApi api, DurableTaskClient durable) =>
            api.ImportAsync(durable, request)).RequireKey();
        app.MapGet("/" + Routes.Directive, (string directiveId, DirectiveApi api) => api.GetAsync(directiveId)).RequireKey();

        app.MapGet("/" + Routes.Items, (HttpRequest request, QueryApi api) => api.ItemsAsync(request)).RequireKey();
        app.MapGet("/" + Routes.Summary, (HttpRequest request, QueryApi api) => api.SummaryAsync(request)).RequireKey();
        app.MapGet("/" + Routes.Outbox, (HttpRequest request, QueryApi api) => api.OutboxAsync(request)).RequireKey();

        app.MapGet("/" + Routes.Item, (string directiveId, string label, ItemApi api, DurableTaskClient durable) =>
            api.GetAsync(durable, directiveId, label)).RequireKey();
        MapItemEvent(app, Routes.ItemComplete, (api, durable, request, d, l) => api.CompleteAsync(durable, request, d, l));
        MapItemEvent(app, Routes.ItemProgress, (api, durable, request, d, l) => api.ProgressAsync(durable, request, d, l));
        MapItemEvent(app, Routes.ItemExtension, (api, durable, request, d, l) => api.ExtensionAsync(durable, request, d, l));
        MapItemEvent(app, Routes.ItemWithdraw, (api, durable, request, d, l) => api.WithdrawAsync(durable, request, d, l));
        MapItemEvent(app, Routes.ItemTransfer, (api, durable, request, d, l) => api.TransferAsync(durable, request, d, l));

        // Signed links from emails: the token is the credential, no key.
        app.MapGet("/" + Routes.Act, (string token, ActionLinkApi api, DurableTaskClient durable) => api.FormAsync(durable, token));
        app.MapPost("/" + Routes.Act, (HttpRequest request, string token, ActionLinkApi api, DurableTaskClient durable) =>
            api.SubmitAsync(durable, request, token)).DisableAntiforgery();

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

    private static void MapItemEvent(WebApplication app, string route,
        Func<ItemApi, DurableTaskClient, HttpRequest, string, string, Task<IResult>> handle) =>
        app.MapPost("/" + route, (HttpRequest request, string directiveId, string label, ItemApi api, DurableTaskClient durable) =>
            handle(api, durable, request, directiveId, label)).RequireKey();
}
