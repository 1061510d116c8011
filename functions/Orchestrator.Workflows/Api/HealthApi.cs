using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orchestrator.Workflows.Admin;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Telemetry;

namespace Orchestrator.Workflows.Api;

/// <summary>
/// GET /health (no key): <c>{"status": "ok"}</c> when storage is reachable and the durable worker
/// runs, else 503 with <c>"degraded"</c>; nothing more, since anyone may ask.
/// GET api/admin/health (admin key): the storage state with its error, the task hub, the worker,
/// and counts of instances by runtime status.
/// </summary>
public sealed class HealthApi(HealthCheckService checks, IWorkerState worker, AdminOptions admin)
{
    public async Task<IResult> GetAsync()
    {
        var (healthy, body) = await ProbeAsync();
        return ApiResults.Json(new HealthResponse(body.status), healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>The health report with instance counts; the scan stops at <see cref="AdminOptions.HealthScanCap"/> and says so.</summary>
    public async Task<IResult> GetDetailedAsync(DurableTaskClient durable)
    {
        var (healthy, body) = await ProbeAsync();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var scanned = 0;
        var capped = false;
        string? error = null;
        try
        {
            await foreach (var page in durable.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 500 }).AsPages())
            {
                foreach (var instance in page.Values)
                {
                    var key = instance.RuntimeStatus.ToString();
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                    scanned++;
                }
                if (scanned >= admin.HealthScanCap && !string.IsNullOrEmpty(page.ContinuationToken)) { capped = true; break; }
            }
        }
        catch (Exception e) when (e is Azure.RequestFailedException or InvalidOperationException or HttpRequestException
                                      || e.GetType().Name == "RpcException" || StorageUnavailable.Matches(e))
        {
            error = e.Message.Split('\n')[0];
            healthy = false;
        }
        return ApiResults.Json(new DetailedHealthResponse(body.status, body.storage, body.taskHub, body.worker,
            new InstanceCounts(counts, scanned, capped,
                Note: capped ? $"Counting stopped after {scanned} instances (setting Admin__HealthScanCap)." : null,
                Error: error)), healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Runs the registered health checks (storage, worker) and words the report as the endpoints always have.</summary>
    private async Task<(bool Healthy, HealthBody Body)> ProbeAsync()
    {
        var report = await checks.CheckHealthAsync();
        var healthy = report.Status == HealthStatus.Healthy;
        var storageState = report.Entries.TryGetValue(OrchestratorHealthChecks.Storage, out var storage) ? storage.Description ?? storage.Status.ToString() : "not checked";
        return (healthy, new HealthBody(healthy ? "ok" : "degraded", storageState, worker.TaskHubName, worker.Describe()));
    }

    private sealed record HealthBody(string status, string storage, string taskHub, string worker);
}
