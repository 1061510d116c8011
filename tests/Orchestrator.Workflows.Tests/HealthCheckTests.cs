using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Storage;
using Orchestrator.Workflows.Telemetry;

namespace Orchestrator.Workflows.Tests;

/// <summary>The health checks behind /health: storage that does not answer makes the service unhealthy, naming why.</summary>
public class HealthCheckTests
{
    private sealed class RunningWorker : IWorkerState
    {
        public string TaskHubName => "hub";
        public string Describe() => "running";
        public bool IsHealthy => true;
    }

    private static HealthCheckService Checks(TableStorage storage)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(storage);
        services.AddSingleton<IWorkerState, RunningWorker>();
        services.AddOrchestratorHealthChecks();
        return services.BuildServiceProvider().GetRequiredService<HealthCheckService>();
    }

    /// <summary>A port nobody listens on: bound, then closed.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Storage_that_does_not_answer_is_unhealthy()
    {
        var client = new TableServiceClient(new Uri($"http://127.0.0.1:{ClosedPort()}/devstoreaccount1"),
            new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64])),
            new TableClientOptions { Retry = { MaxRetries = 0 } });

        var report = await Checks(new TableStorage(client, "health")).CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        var storage = report.Entries[OrchestratorHealthChecks.Storage];
        Assert.Equal(HealthStatus.Unhealthy, storage.Status);
        Assert.StartsWith("unreachable: ", storage.Description);
        Assert.Equal(HealthStatus.Healthy, report.Entries[OrchestratorHealthChecks.Worker].Status);
    }
}
