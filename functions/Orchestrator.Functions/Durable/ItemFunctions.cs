using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Functions.Hosting;
using Orchestrator.Workflows.Directives;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Items.Activities;

namespace Orchestrator.Functions.Durable;

/// <summary>
/// Thin wrappers: each [Function] hands its trigger to the shared orchestrator or activity class
/// of the same name (Orchestrator.Workflows), as the SDK's source generator would.
/// </summary>
public static class ItemFunctions
{
    [Function(ItemOrchestrator.Name)]
    public static Task<ItemOutcome?> RunItemOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ItemOrchestrator().RunAsync(context, context.GetInput<ItemWorkflowInput>()!);

    [Function(DirectiveImportOrchestrator.Name)]
    public static Task<DirectiveImportProgress> RunDirectiveImportOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new DirectiveImportOrchestrator().RunAsync(context, context.GetInput<DirectiveImportInput>()!);

    /// <summary>The activity starts orchestrations: it gets the invocation's durable client (not in the app's container).</summary>
    [Function(StartItemsActivity.Name)]
    public static Task<ItemBatchOutcome> StartItems([ActivityTrigger] ItemBatch input, [DurableClient] DurableTaskClient durable,
        string instanceId, FunctionContext function) =>
        ActivatorUtilities.CreateInstance<StartItemsActivity>(function.InstanceServices, durable)
            .RunAsync(new FunctionActivityContext(StartItemsActivity.Name, instanceId), input);

    [Function(RecordItemActivity.Name)]
    public static Task<bool> RecordItem([ActivityTrigger] ItemWorkflowInput input, string instanceId, FunctionContext function) =>
        Run<RecordItemActivity, ItemWorkflowInput, bool>(function, RecordItemActivity.Name, instanceId, input);

    [Function(SendNoticeActivity.Name)]
    public static Task<NoticeOutcome> SendNotice([ActivityTrigger] NoticeStep input, string instanceId, FunctionContext function) =>
        Run<SendNoticeActivity, NoticeStep, NoticeOutcome>(function, SendNoticeActivity.Name, instanceId, input);

    [Function(RecordEventActivity.Name)]
    public static Task<bool> RecordEvent([ActivityTrigger] EventApplied input, string instanceId, FunctionContext function) =>
        Run<RecordEventActivity, EventApplied, bool>(function, RecordEventActivity.Name, instanceId, input);

    [Function(ReplanItemActivity.Name)]
    public static Task<ItemReplan> ReplanItem([ActivityTrigger] ReplanRequest input, string instanceId, FunctionContext function) =>
        Run<ReplanItemActivity, ReplanRequest, ItemReplan>(function, ReplanItemActivity.Name, instanceId, input);

    [Function(PlanCheckInsActivity.Name)]
    public static Task<IReadOnlyList<PlannedStep>> PlanCheckIns([ActivityTrigger] CheckInRequest input, string instanceId, FunctionContext function) =>
        Run<PlanCheckInsActivity, CheckInRequest, IReadOnlyList<PlannedStep>>(function, PlanCheckInsActivity.Name, instanceId, input);

    private static Task<TOutput> Run<TActivity, TInput, TOutput>(FunctionContext function, string name, string instanceId, TInput input)
        where TActivity : TaskActivity<TInput, TOutput> =>
        function.InstanceServices.GetRequiredService<TActivity>().RunAsync(new FunctionActivityContext(name, instanceId), input);
}
