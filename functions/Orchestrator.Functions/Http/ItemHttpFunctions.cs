using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Orchestrator.Functions.Hosting;
using Orchestrator.Workflows.Api;

namespace Orchestrator.Functions.Http;

/// <summary>HTTP triggers over the shared handlers; the routes come from <see cref="Routes"/>. Anonymous to the
/// Functions host: Security.ApiAuthorizationMiddleware asks for the role each path needs.</summary>
public sealed class ItemHttpFunctions(ItemApi items, DirectiveApi directives, QueryApi queries, ActionLinkApi links, HealthApi health)
{
    [Function("Health")]
    public Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Health)] HttpRequest request) =>
        health.GetAsync().AsActionResult();

    [Function("ImportDirective")]
    public Task<IActionResult> Import(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Directives)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        directives.ImportAsync(durable, request).AsActionResult();

    [Function("GetDirective")]
    public Task<IActionResult> GetDirective(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Directive)] HttpRequest request, string directiveId) =>
        directives.GetAsync(directiveId, request).AsActionResult();

    [Function("GetDirectiveImport")]
    public Task<IActionResult> GetDirectiveImport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DirectiveImport)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string directiveId) =>
        directives.GetImportStatusAsync(durable, directiveId).AsActionResult();

    [Function("QueryItems")]
    public Task<IActionResult> QueryItems(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Items)] HttpRequest request) =>
        queries.ItemsAsync(request).AsActionResult();

    [Function("Summary")]
    public Task<IActionResult> Summary(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Summary)] HttpRequest request) =>
        queries.SummaryAsync(request).AsActionResult();

    [Function("Outbox")]
    public Task<IActionResult> Outbox(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Outbox)] HttpRequest request) =>
        queries.OutboxAsync(request).AsActionResult();

    [Function("GetItem")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Item)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string directiveId, string label) =>
        items.GetAsync(durable, directiveId, label).AsActionResult();

    [Function("CompleteItem")]
    public Task<IActionResult> Complete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ItemComplete)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string directiveId, string label) =>
        items.CompleteAsync(durable, request, directiveId, label).AsActionResult();

    [Function("ReportProgress")]
    public Task<IActionResult> Progress(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ItemProgress)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string directiveId, string label) =>
        items.ProgressAsync(durable, request, directiveId, label).AsActionResult();

    [Function("Extension")]
    public Task<IActionResult> Extension(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ItemExtension)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string directiveId, string label) =>
        items.ExtensionAsync(durable, request, directiveId, label).AsActionResult();

    [Function("WithdrawItem")]
    public Task<IActionResult> Withdraw(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ItemWithdraw)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string directiveId, string label) =>
        items.WithdrawAsync(durable, request, directiveId, label).AsActionResult();

    [Function("TransferItem")]
    public Task<IActionResult> Transfer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ItemTransfer)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string directiveId, string label) =>
        items.TransferAsync(durable, request, directiveId, label).AsActionResult();

    /// <summary>Anonymous on purpose: the signed token in the link is the credential.</summary>
    [Function("ActionLinkForm")]
    public Task<IActionResult> ActionForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Act)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string token) =>
        links.FormAsync(durable, token).AsActionResult();

    [Function("ActionLinkSubmit")]
    public Task<IActionResult> ActionSubmit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Act)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string token) =>
        links.SubmitAsync(durable, request, token).AsActionResult();
}
