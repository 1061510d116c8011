using DurableTask.Core;

namespace Orchestrator.Local.Durable;

/// <summary>
/// Hands the framework a new object for every execution. The SDK's shims keep per-execution state,
/// so an orchestration or activity shim must never be shared between work items.
/// </summary>
internal sealed class ShimCreator<T> : ObjectCreator<T>
{
    private readonly Func<T> _create;

    public ShimCreator(string name, Func<T> create)
    {
        Name = name;
        Version = string.Empty;
        _create = create;
    }

    public override T Create() => _create();
}
