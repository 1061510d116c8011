using Microsoft.DurableTask;

namespace Orchestrator.Functions.Tests.Support;

public static class CatalogTypes
{
    /// <summary>TInput and TOutput of a TaskOrchestrator&lt;,&gt; or TaskActivity&lt;,&gt;.</summary>
    public static (Type Input, Type Output) InputAndOutput(Type task)
    {
        for (var t = task; t is not null; t = t.BaseType)
            if (t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(TaskOrchestrator<,>) || t.GetGenericTypeDefinition() == typeof(TaskActivity<,>)))
                return (t.GetGenericArguments()[0], t.GetGenericArguments()[1]);
        throw new InvalidOperationException($"{task} is neither a TaskOrchestrator<,> nor a TaskActivity<,>.");
    }
}
