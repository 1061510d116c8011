using Microsoft.Extensions.Hosting;
using Orchestrator.Workflows.Digests;

namespace Orchestrator.Local.Durable;

/// <summary>The local host's counterpart of the Functions app's digest timer: looks for digests still
/// to send at start and every <see cref="DigestOptions.PollInterval"/>. The outbox key (addressee and
/// period) makes each go once per period, however many times this runs or restarts.</summary>
public sealed class DigestService(DigestRunner runner, DigestOptions options, ILogger<DigestService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled) return;
        using var timer = new PeriodicTimer(options.PollInterval);
        do
        {
            try
            {
                var result = await runner.RunAsync(stoppingToken);
                if (result.Sent.Count > 0) LocalLog.DigestsSent(logger, string.Join(", ", result.Sent));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LocalLog.DigestRunFailed(logger, e, options.PollInterval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
