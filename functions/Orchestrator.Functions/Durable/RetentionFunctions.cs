using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Orchestrator.Workflows.Admin;

namespace Orchestrator.Functions.Durable;

/// <summary>The nightly retention purge (02:30 UTC, 09:30 in Vietnam), over the shared <see cref="RetentionPurge"/>.</summary>
public sealed class RetentionFunctions(RetentionPurge purge)
{
    public const string Schedule = "0 30 2 * * *";

    [Function("RetentionPurge")]
    public Task Run([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient durable) =>
        purge.RunAsync(durable);
}
