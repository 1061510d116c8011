using Microsoft.AspNetCore.Http;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Api;

/// <summary>GET /health: is the storage reachable and is the durable worker running. No key needed.</summary>
public sealed class HealthApi(TableStorage storage, IWorkerState worker)
{
    public async Task<IResult> GetAsync()
    {
        string storageState;
        try
        {
            var table = await storage.GetTableAsync(ItemStore.ItemsTable);
            await foreach (var _ in table.QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1).AsPages(pageSizeHint: 1))
                break;
            storageState = "reachable";
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            storageState = "unreachable: " + e.Message.Split('\n')[0];
        }

        var healthy = storageState == "reachable" && worker.IsHealthy;
        return ApiResults.Json(new
        {
            status = healthy ? "ok" : "degraded",
            storage = storageState,
            taskHub = worker.TaskHubName,
            worker = worker.Describe(),
        }, healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
