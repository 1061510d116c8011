using Microsoft.Azure.Functions.Worker;
using Orchestrator.Workflows.Digests;

namespace Orchestrator.Functions.Durable;

/// <summary>The digests, daily at 01:00 UTC (08:00 in Vietnam), over the shared <see cref="DigestRunner"/>:
/// the week's digest goes on the first run of each ISO week (Mondays), the month's report on the
/// first run of each month; the outbox key makes a re-run (or a second instance) send nothing.</summary>
public sealed class DigestFunctions(DigestRunner runner)
{
    public const string Schedule = "0 0 1 * * *";

    [Function("Digests")]
    public Task Run([TimerTrigger(Schedule)] TimerInfo timer) => runner.RunAsync();
}
