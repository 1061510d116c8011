using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace Orchestrator.Local.Durable;

/// <summary>
/// Makes a fresh SDK orchestrator, wrapped in the framework shim, for every execution: the shim
/// keeps per-execution state, so an instance must never be shared.
/// </summary>
internal sealed class ShimOrchestrationCreator : ObjectCreator<TaskOrchestration>
{
    private readonly DurableTaskShimFactory _shims;
    private readonly IServiceProvider _services;
    private readonly Type _type;

    public ShimOrchestrationCreator(string name, Type type, DurableTaskShimFactory shims, IServiceProvider services)
    {
        Name = name;
        Version = string.Empty;
        _type = type;
        _shims = shims;
        _services = services;
    }

    public override TaskOrchestration Create() =>
        _shims.CreateOrchestration(Name, (ITaskOrchestrator)ActivatorUtilities.CreateInstance(_services, _type));
}

/// <summary>Makes the SDK activity (with its dependencies from DI) for every invocation.</summary>
internal sealed class ShimActivityCreator : ObjectCreator<TaskActivity>
{
    private readonly DurableTaskShimFactory _shims;
    private readonly IServiceProvider _services;
    private readonly Type _type;

    public ShimActivityCreator(string name, Type type, DurableTaskShimFactory shims, IServiceProvider services)
    {
        Name = name;
        Version = string.Empty;
        _type = type;
        _shims = shims;
        _services = services;
    }

    public override TaskActivity Create() =>
        _shims.CreateActivity(Name, (ITaskActivity)_services.GetRequiredService(_type));
}
