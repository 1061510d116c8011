using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Orchestrator.Workflows.Admin;

namespace Orchestrator.Local.Durable;

/// <summary>The local host's counterpart of the Functions app's nightly timer: the same purge once a day.</summary>
public sealed class RetentionService(RetentionPurge purge, DurableTaskClient durable, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (purge.Days <= 0) return;
        using var daily = new PeriodicTimer(TimeSpan.FromDays(1));
        do
        {
            try
            {
                var purged = await purge.RunAsync(durable, stoppingToken);
                LocalLog.RetentionPurged(logger, purged, purge.Days);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LocalLog.RetentionFailed(logger, e);
            }
        } while (await daily.WaitForNextTickAsync(stoppingToken));
    }
}
