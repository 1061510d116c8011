using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Orchestrator.Workflows.Directives;

/// <summary>Items <see cref="From"/> to <see cref="From"/> + <see cref="Count"/> - 1 (in the directive's plan order) of a stored directive.</summary>
public sealed record ItemBatch(string DirectiveId, int From, int Count);

/// <summary>What a batch did: items started now, items found started, labels of those that failed to start.</summary>
public sealed record ItemBatchOutcome(int Started, int AlreadyStarted, IReadOnlyList<string> FailedLabels);

/// <summary>
/// Starts one batch of a background import (<see cref="DirectiveImportOrchestrator"/>). Safe to
/// run again: an item whose orchestration exists is skipped. It needs a durable client: the local
/// host's container has one; the Functions wrapper passes its [DurableClient] binding.
/// </summary>
public sealed class StartItemsActivity(DirectiveImporter importer, DurableTaskClient? durable = null)
    : TaskActivity<ItemBatch, ItemBatchOutcome>
{
    public const string Name = nameof(StartItemsActivity);

    public override Task<ItemBatchOutcome> RunAsync(TaskActivityContext context, ItemBatch input) =>
        importer.StartBatchAsync(durable ?? throw new InvalidOperationException(
            $"{Name} needs a durable client: construct it with one (the Functions wrapper passes its [DurableClient] binding)."), input);
}
