using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Workflows.Items;

namespace Orchestrator.Workflows.Tests.Orchestration;

/// <summary>
/// One execution (one generation, up to its ContinueAsNew) of an item orchestration under
/// <see cref="ItemRun"/>. It keeps the Durable Task SDK's event semantics that the orchestrator
/// depends on: an event goes to the most recent waiter if there is one and is consumed by it,
/// otherwise it is buffered; buffered events are carried into the next generation when the
/// orchestration continues as new with preserveUnprocessedEvents. Time, timers and activities are
/// the driver's.
/// </summary>
internal sealed class FakeOrchestrationContext(ItemRun run, string instanceId, IEnumerable<(string Name, object Payload)> carried)
    : TaskOrchestrationContext
{
    private readonly Stack<(string Name, TaskCompletionSource<object> Waiter)> _waiters = new();
    private readonly List<(string Name, object Payload)> _buffer = carried.ToList();
    private int _guids;

    public bool ContinuedAsNew { get; private set; }
    public object? NewInput { get; private set; }
    public bool PreserveUnprocessedEvents { get; private set; }

    /// <summary>Events this execution had not consumed when it ended (carried over if preserved).</summary>
    public IReadOnlyList<(string Name, object Payload)> Unprocessed => _buffer;

    public override TaskName Name => new(ItemOrchestrator.Name);
    public override string InstanceId => instanceId;
    public override ParentOrchestrationInstance? Parent => null;
    public override DateTime CurrentUtcDateTime => run.Time.GetUtcNow().UtcDateTime;
    public override bool IsReplaying => false;
    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    public override T GetInput<T>() => throw new NotSupportedException("The driver passes the input to RunAsync.");

    public override Task<T> CallActivityAsync<T>(TaskName name, object? input = null, TaskOptions? options = null) =>
        run.CallActivityAsync<T>(name.Name, input);

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) =>
        run.CreateTimer(fireAt, cancellationToken);

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        var waiter = new TaskCompletionSource<object>();
        _waiters.Push((eventName, waiter));
        var buffered = _buffer.FindIndex(e => e.Name == eventName);
        if (buffered >= 0)
        {
            var payload = _buffer[buffered].Payload;
            _buffer.RemoveAt(buffered);
            Deliver(eventName, payload);
        }
        cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
        return Typed<T>(waiter.Task);
    }

    /// <summary>An event arrives: the most recent waiter for its name takes it, or it is buffered.</summary>
    public void Deliver(string eventName, object payload)
    {
        if (_waiters.Any(w => w.Name == eventName))
        {
            var rest = new Stack<(string, TaskCompletionSource<object>)>();
            while (_waiters.Peek().Name != eventName) rest.Push(_waiters.Pop());
            var (_, waiter) = _waiters.Pop();
            while (rest.Count > 0) _waiters.Push(rest.Pop());
            waiter.TrySetResult(payload);
        }
        else
        {
            _buffer.Add((eventName, payload));
        }
    }

    public override void SendEvent(string instanceId, string eventName, object eventData) =>
        run.SentEvents.Add((instanceId, eventName, eventData));

    public override void SetCustomStatus(object? customStatus) => run.CustomStatus = customStatus;

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null,
        TaskOptions? options = null) => throw new NotSupportedException("Item orchestrations have no sub-orchestrations.");

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        ContinuedAsNew = true;
        NewInput = newInput;
        PreserveUnprocessedEvents = preserveUnprocessedEvents;
    }

    public override Guid NewGuid()
    {
        var bytes = new byte[16];
        BitConverter.GetBytes(++_guids).CopyTo(bytes, 0);
        return new Guid(bytes);
    }

    private static async Task<T> Typed<T>(Task<object> task) => (T)await task;
}
