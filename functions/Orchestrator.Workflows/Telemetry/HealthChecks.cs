using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Telemetry;

/// <summary>The checks behind /health and api/admin/health (HealthApi words their report).</summary>
public static class OrchestratorHealthChecks
{
    public const string Storage = "storage";
    public const string Worker = "worker";

    public static IServiceCollection AddOrchestratorHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>(Storage)
            .AddCheck<WorkerHealthCheck>(Worker);
        return services;
    }
}

/// <summary>Storage answers: one row of the items table is read. Unhealthy with the first line of the error when it does not.</summary>
public sealed class StorageHealthCheck(TableStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var table = await storage.GetTableAsync(ItemStore.ItemsTable);
            await foreach (var _ in table.QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
                break;
            return HealthCheckResult.Healthy("reachable");
        }
        catch (Exception e) when (e is Azure.RequestFailedException || StorageUnavailable.Matches(e))
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "unreachable: " + e.Message.Split('\n')[0], e);
        }
    }
}

/// <summary>The durable worker runs (on the Functions host, the platform runs it: always healthy here).</summary>
public sealed class WorkerHealthCheck(IWorkerState worker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(worker.IsHealthy
            ? HealthCheckResult.Healthy(worker.Describe())
            : new HealthCheckResult(context.Registration.FailureStatus, worker.Describe()));
}
