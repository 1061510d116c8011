using Microsoft.DurableTask;

namespace Orchestrator.Workflows.Directives;

/// <summary>A background import: the stored directive whose items are to be started.</summary>
public sealed record DirectiveImportInput(string DirectiveId, int ItemCount);

/// <summary>Where a background import stands (its custom status while it runs, its output when done).</summary>
/// <param name="Items">How many items the directive tracks.</param>
/// <param name="Started">Items whose orchestration exists: started by this import or found started already.</param>
/// <param name="Failed">Items that could not be started after every attempt (re-posting the directive tries them again).</param>
/// <param name="FailedLabels">The first <see cref="DirectiveImportOrchestrator.MaxFailedLabels"/> of them.</param>
public sealed record DirectiveImportProgress(int Items, int Started, int Failed, IReadOnlyList<string> FailedLabels);

/// <summary>
/// Starts a stored directive's items in batches, one activity per batch, one batch after the
/// other, and keeps its progress in its custom status. Durable: a host killed halfway resumes at
/// the batch it was running, and the batch skips the items it had started already, so nothing is
/// started twice and nothing is left out. Its instance id derives from the directive's, so one
/// directive has at most one import running.
/// </summary>
public sealed class DirectiveImportOrchestrator : TaskOrchestrator<DirectiveImportInput, DirectiveImportProgress>
{
    public const string Name = nameof(DirectiveImportOrchestrator);

    /// <summary>Items a batch starts: at least 100, and at most about 50 batches per directive
    /// (each batch re-reads the directive row, and the history grows by batch).</summary>
    public static int BatchSizeFor(int items) => Math.Max(100, (items + 49) / 50);

    /// <summary>Times a batch is run while some of its items fail to start (each run skips those started).</summary>
    public const int MaxBatchRuns = 3;

    public const int MaxFailedLabels = 50;

    /// <summary>"import:" + directive id: no item's id (directive id first) and no valid directive id.</summary>
    public static string InstanceIdFor(string directiveId) => "import:" + directiveId;

    /// <summary>A batch that throws (its directive row unreadable: storage down) is retried by the framework first.</summary>
    private static readonly TaskOptions BatchRetry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2));

    public override async Task<DirectiveImportProgress> RunAsync(TaskOrchestrationContext context, DirectiveImportInput input)
    {
        var progress = new DirectiveImportProgress(input.ItemCount, 0, 0, []);
        context.SetCustomStatus(progress);
        var size = BatchSizeFor(input.ItemCount);
        for (var from = 0; from < input.ItemCount; from += size)
        {
            var batch = new ItemBatch(input.DirectiveId, from, Math.Min(size, input.ItemCount - from));
            var (started, failed) = await RunBatchAsync(context, batch);
            progress = progress with
            {
                Started = progress.Started + started,
                Failed = progress.Failed + failed.Count,
                FailedLabels = progress.FailedLabels.Concat(failed).Take(MaxFailedLabels).ToList(),
            };
            context.SetCustomStatus(progress);
        }
        return progress;
    }

    /// <summary>Runs a batch until every item of it is started or it has run <see cref="MaxBatchRuns"/> times.</summary>
    private static async Task<(int Started, IReadOnlyList<string> Failed)> RunBatchAsync(TaskOrchestrationContext context, ItemBatch batch)
    {
        for (var run = 1; ; run++)
        {
            ItemBatchOutcome outcome;
            try
            {
                outcome = await context.CallActivityAsync<ItemBatchOutcome>(StartItemsActivity.Name, batch, BatchRetry);
            }
            catch (TaskFailedException)
            {
                return (0, [$"items {batch.From + 1}-{batch.From + batch.Count} (the batch failed: see the instance's history)"]);
            }
            var started = outcome.Started + outcome.AlreadyStarted;
            if (outcome.FailedLabels.Count == 0 || run == MaxBatchRuns) return (started, outcome.FailedLabels);
            await context.CreateTimer(TimeSpan.FromSeconds(10 * run), CancellationToken.None);
        }
    }
}
