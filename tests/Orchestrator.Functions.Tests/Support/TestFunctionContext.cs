using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;

namespace Orchestrator.Functions.Tests.Support;

/// <summary>A function invocation's context with only what the app's wrappers read: its services.</summary>
public sealed class TestFunctionContext(IServiceProvider services, string functionName) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");
    public override string FunctionId => functionName;
    public override TraceContext TraceContext => throw new NotSupportedException();
    public override BindingContext BindingContext => throw new NotSupportedException();
    public override RetryContext RetryContext => throw new NotSupportedException();
    public override IServiceProvider InstanceServices { get; set; } = services;
    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();
    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();
    public override IInvocationFeatures Features => throw new NotSupportedException();
}
