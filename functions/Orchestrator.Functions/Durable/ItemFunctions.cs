using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Functions.Hosting;
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
    public static Task<ItemOutcome> RunItemOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ItemOrchestrator().RunAsync(context, context.GetInput<ItemWorkflowInput>()!);

    [Function(RecordItemActivity.Name)]
    public static Task<bool> RecordItem([ActivityTrigger] ItemWorkflowInput input, string instanceId, FunctionContext function) =>
        Activity<RecordItemActivity>(function).RunAsync(new FunctionActivityContext(RecordItemActivity.Name, instanceId), input);

    [Function(RecordStepActivity.Name)]
    public static Task<bool> RecordStep([ActivityTrigger] StepFired input, string instanceId, FunctionContext function) =>
        Activity<RecordStepActivity>(function).RunAsync(new FunctionActivityContext(RecordStepActivity.Name, instanceId), input);

    [Function(RecordEventActivity.Name)]
    public static Task<bool> RecordEvent([ActivityTrigger] EventApplied input, string instanceId, FunctionContext function) =>
        Activity<RecordEventActivity>(function).RunAsync(new FunctionActivityContext(RecordEventActivity.Name, instanceId), input);

    private static T Activity<T>(FunctionContext function) where T : notnull =>
        function.InstanceServices.GetRequiredService<T>();
}
