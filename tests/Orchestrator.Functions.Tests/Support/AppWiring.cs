using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Functions.Tests.Support;

/// <summary>
/// What the worker resolves from the app's container when a function runs: each class that holds
/// [Function] methods (through the worker's own activator, as per invocation) and each activity the
/// durable wrappers ask the invocation's services for. Each failure is reported with its reason.
/// </summary>
public static class AppWiring
{
    /// <summary>Classes of the app with at least one [Function] method.</summary>
    public static IEnumerable<Type> FunctionClasses() =>
        FunctionsApp.Assembly.GetTypes().Where(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance)
            .Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null));

    public static IReadOnlyList<string> Problems(IServiceProvider root)
    {
        var problems = new List<string>();
        using var scope = root.CreateScope();
        var services = scope.ServiceProvider;
        var activator = services.GetRequiredService<IFunctionActivator>();
        foreach (var type in FunctionClasses().Where(t => !(t.IsAbstract && t.IsSealed)))
            Try(type.Name, () => activator.CreateInstance(type, new TestFunctionContext(services, type.Name)));
        foreach (var (name, type) in WorkflowCatalog.Activities)
            Try(name, () => services.GetRequiredService(type));
        return problems;

        void Try(string what, Func<object?> resolve)
        {
            try
            {
                if (resolve() is null) problems.Add($"{what}: resolved to null");
            }
            catch (InvalidOperationException e)
            {
                problems.Add($"{what}: {e.Message}");
            }
        }
    }
}
