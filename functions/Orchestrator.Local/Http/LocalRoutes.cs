using Microsoft.DurableTask.Client;
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
        app.MapGet("/" + Routes.Act, (string token, ActionLinkApi api) => api.Form(token));
        app.MapPost("/" + Routes.Act, (HttpRequest request, string token, ActionLinkApi api, DurableTaskClient durable) =>
            api.SubmitAsync(durable, request, token)).DisableAntiforgery();
    }

    private static void MapItemEvent(WebApplication app, string route,
        Func<ItemApi, DurableTaskClient, HttpRequest, string, string, Task<IResult>> handle) =>
        app.MapPost("/" + route, (HttpRequest request, string directiveId, string label, ItemApi api, DurableTaskClient durable) =>
            handle(api, durable, request, directiveId, label)).RequireKey();
}
