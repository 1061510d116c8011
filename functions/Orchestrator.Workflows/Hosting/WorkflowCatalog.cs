using Orchestrator.Workflows.Directives;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Items.Activities;

namespace Orchestrator.Workflows.Hosting;

/// <summary>
/// Every orchestrator and activity, by the name both hosts register it under. The Functions app
/// declares one [Function] wrapper per entry (a test checks they agree); the local host registers
/// the types from this list.
/// </summary>
public static class WorkflowCatalog
{
    public static IReadOnlyDictionary<string, Type> Orchestrators { get; } = new Dictionary<string, Type>
    {
        [ItemOrchestrator.Name] = typeof(ItemOrchestrator),
        [DirectiveImportOrchestrator.Name] = typeof(DirectiveImportOrchestrator),
    };

    public static IReadOnlyDictionary<string, Type> Activities { get; } = new Dictionary<string, Type>
    {
        [RecordItemActivity.Name] = typeof(RecordItemActivity),
        [SendNoticeActivity.Name] = typeof(SendNoticeActivity),
        [RecordEventActivity.Name] = typeof(RecordEventActivity),
        [ReplanItemActivity.Name] = typeof(ReplanItemActivity),
        [StartItemsActivity.Name] = typeof(StartItemsActivity),
        [PlanCheckInsActivity.Name] = typeof(PlanCheckInsActivity),
    };
}
