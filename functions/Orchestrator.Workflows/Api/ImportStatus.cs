using Microsoft.DurableTask.Client;
using Orchestrator.Workflows.Directives;

namespace Orchestrator.Workflows.Api;

/// <summary>Reads a directive's import progress from its background import's instance.</summary>
public static class ImportStatus
{
    /// <param name="immediateMaxItems">The importer's bound: a directive of at most that many items had no background import.</param>
    public static ImportStatusResponse Of(DirectiveRecord directive, int immediateMaxItems, OrchestrationMetadata? import)
    {
        var id = directive.RowKey;
        if (import is null)
            return immediateMaxItems >= directive.ItemCount
                ? new(id, ImportStates.Done, Done: true, directive.ItemCount, directive.ItemCount, 0, [],
                    $"Imported at once: a directive of at most {immediateMaxItems} items has its items started before the import answers.")
                : new(id, ImportStates.Unknown, Done: false, directive.ItemCount, 0, 0, [],
                    "No record of this directive's import: it was purged after the import ended, or the import request broke before " +
                    "it answered. POST the directive again: that starts any item not started, and nothing twice.");

        // The output once it ended; the custom status (updated after every batch) while it runs.
        var progress = (import.RuntimeStatus == OrchestrationRuntimeStatus.Completed
                           ? import.ReadOutputAs<DirectiveImportProgress>()
                           : import.ReadCustomStatusAs<DirectiveImportProgress>())
                       ?? new DirectiveImportProgress(directive.ItemCount, 0, 0, []);
        var (state, message) = import.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Pending => (ImportStates.Pending, null),
            OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended => (ImportStates.Running, null),
            OrchestrationRuntimeStatus.Completed => (ImportStates.Done, progress.Failed > 0
                ? $"{progress.Failed} items could not be started: POST the directive again to retry them."
                : null),
            _ => (ImportStates.Stopped, $"The import {import.RuntimeStatus.ToString().ToLowerInvariant()} before it ended: " +
                                        "POST the directive again; it starts only the items not started."),
        };
        return new(id, state, Done: state == ImportStates.Done, progress.Items, progress.Started, progress.Failed, progress.FailedLabels, message);
    }
}
