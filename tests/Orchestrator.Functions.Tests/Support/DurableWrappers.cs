using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Functions.Tests.Support;

/// <summary>
/// Registers the app's own durable [Function] wrappers, under their function names, with a Durable
/// Task registry, so an in-process test host runs the wrappers themselves (not the classes they
/// call). Each activity invocation gets its own scope of the app's container as the function's
/// services, and its trigger's binding data (instanceId), as the worker gives them.
/// </summary>
public static class DurableWrappers
{
    public static IReadOnlyList<MethodInfo> Orchestrators => WithTrigger<OrchestrationTriggerAttribute>();
    public static IReadOnlyList<MethodInfo> Activities => WithTrigger<ActivityTriggerAttribute>();

    public static string FunctionName(MethodInfo method) => method.GetCustomAttribute<FunctionAttribute>()!.Name;

    /// <param name="client">What a [DurableClient] parameter gets (the test host's client, once it exists).</param>
    public static void Register(DurableTaskRegistry registry, IServiceProvider app, Func<DurableTaskClient>? client = null)
    {
        foreach (var method in Orchestrators)
        {
            // The wrapper reads its input itself (GetInput<T>); the worker hands it over as the
            // catalog's orchestrator declares it.
            var name = FunctionName(method);
            var (input, output) = CatalogTypes.InputAndOutput(WorkflowCatalog.Orchestrators[name]);
            registry.AddOrchestrator(name, () => new WrapperOrchestrator(method, input, output, app));
        }
        foreach (var method in Activities)
            registry.AddActivity(FunctionName(method), _ => new WrapperActivity(method, app, client));
    }

    private static List<MethodInfo> WithTrigger<TTrigger>() where TTrigger : Attribute =>
        AppWiring.FunctionClasses()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null
                        && m.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null))
            .ToList();

    private sealed class WrapperOrchestrator(MethodInfo method, Type input, Type output, IServiceProvider app) : ITaskOrchestrator
    {
        public Type InputType => input;
        public Type OutputType => output;

        public Task<object?> RunAsync(TaskOrchestrationContext context, object? _) =>
            InvokeAsync(method, app, p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null ? context : Unbound(method, p));
    }

    private sealed class WrapperActivity(MethodInfo method, IServiceProvider app, Func<DurableTaskClient>? client) : ITaskActivity
    {
        private readonly ParameterInfo _trigger = method.GetParameters().Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null);

        public Type InputType => _trigger.ParameterType;
        public Type OutputType => method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : typeof(object);

        public Task<object?> RunAsync(TaskActivityContext context, object? input) =>
            InvokeAsync(method, app, p =>
                p == _trigger ? input
                : p.ParameterType == typeof(string) && p.Name == "instanceId" ? context.InstanceId
                : p.ParameterType == typeof(DurableTaskClient) && client is not null ? client()
                : Unbound(method, p));
    }

    /// <summary>Calls the wrapper in a fresh scope, as one invocation of the worker does, and awaits its result.</summary>
    private static async Task<object?> InvokeAsync(MethodInfo method, IServiceProvider app, Func<ParameterInfo, object?> bind)
    {
        await using var scope = app.CreateAsyncScope();
        var function = new TestFunctionContext(scope.ServiceProvider, FunctionName(method));
        var target = method.IsStatic ? null
            : scope.ServiceProvider.GetRequiredService<IFunctionActivator>().CreateInstance(method.DeclaringType!, function);
        var arguments = method.GetParameters().Select(p => p.ParameterType == typeof(FunctionContext) ? function : bind(p)).ToArray();
        var task = (Task)method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, arguments, null)!;
        await task;
        return method.ReturnType.IsGenericType ? method.ReturnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }

    private static object Unbound(MethodInfo method, ParameterInfo parameter) =>
        throw new InvalidOperationException(
            $"{FunctionName(method)}: parameter '{parameter.Name}' ({parameter.ParameterType.Name}) has a binding this test does not supply.");
}
