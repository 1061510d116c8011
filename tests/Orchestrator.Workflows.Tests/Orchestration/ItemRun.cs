using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Items.Activities;

namespace Orchestrator.Workflows.Tests.Orchestration;

/// <summary>An activity the orchestrator scheduled: its name, input and when (orchestration time).</summary>
public sealed record ActivityCall(string Name, object? Input, DateTimeOffset AtUtc, int Generation);

/// <summary>
/// Runs the real <see cref="ItemOrchestrator"/> class without a backend and without waiting on the
/// wall clock. Time is a <see cref="FakeTimeProvider"/> that only the test moves; durable timers
/// complete when <see cref="AdvanceTo"/> passes them, in order, with the clock set to each timer's
/// instant as it fires (like a backend that wakes the orchestration then). Activities answer at
/// once from an in-memory outbox and timeline (or are held by the test). Each ContinueAsNew starts
/// the next generation with the new input after a JSON round trip through the hosts' serializer
/// (as a backend stores it), carrying unprocessed events over. Every continuation runs on one
/// pumped synchronization context, so a test step returns only when the orchestration is idle:
/// waiting on a timer, an event or a held activity, or ended.
/// </summary>
public sealed class ItemRun
{
    public const string InstanceId = "d-test:1";
    private readonly PumpedSynchronizationContext _pump = new();
    private readonly List<PendingTimer> _timers = [];
    private readonly HashSet<DateTime> _firedEarly = [];
    private FakeOrchestrationContext _context = null!;
    private Task<ItemOutcome?> _execution = Task.FromResult<ItemOutcome?>(null);
    private Exception? _failure;

    private ItemRun(DateTimeOffset start) => Time = new FakeTimeProvider(start);

    public FakeTimeProvider Time { get; }
    public ItemWorkflowInput Input { get; private set; } = null!;
    public object? CustomStatus { get; internal set; }
    public ItemStatus? Status => CustomStatus as ItemStatus;
    public int Generation { get; private set; }
    public ItemOutcome? Outcome { get; private set; }
    public bool Ended { get; private set; }
    public List<ActivityCall> Calls { get; } = [];

    /// <summary>Events the orchestration sent to other instances (to a parent, to items waiting for it).</summary>
    public List<(string InstanceId, string Name, object Payload)> SentEvents { get; } = [];

    /// <summary>Timers fire this much before their instant the first time (the Azure Storage backend's up to 1 s).</summary>
    public TimeSpan TimerEarliness { get; set; }

    /// <summary>Answers an activity call instead of the in-memory default (return null to use the default).</summary>
    public Func<ActivityCall, Task<object?>?>? Intercept { get; set; }

    /// <summary>The outbox: one row per notice key; a second send of a key is answered "already sent".</summary>
    public Dictionary<string, NoticeStep> Outbox { get; } = [];

    /// <summary>Notices actually sent (a new outbox row), in order, with when.</summary>
    public List<(NoticeStep Notice, DateTimeOffset AtUtc)> Sent { get; } = [];

    public IEnumerable<NoticeStep> NoticeCalls => Calls.Where(c => c.Name == SendNoticeActivity.Name).Select(c => (NoticeStep)c.Input!);
    public IEnumerable<EventApplied> RecordedEvents => Calls.Where(c => c.Name == RecordEventActivity.Name).Select(c => (EventApplied)c.Input!);

    /// <summary>Starts the orchestration at <paramref name="start"/> and runs it until it waits.</summary>
    public static ItemRun Start(ItemWorkflowInput input, DateTimeOffset start, Action<ItemRun>? configure = null)
    {
        var run = new ItemRun(start);
        configure?.Invoke(run);
        run.Pump(() => run.Execute(input, []));
        return run;
    }

    /// <summary>Raises an item event now (orchestration time) and runs until idle.</summary>
    public void Raise(ItemEvent e)
    {
        var payload = RoundTrip(e);
        Pump(() =>
        {
            if (!Ended) _context.Deliver(ItemEvent.Name, payload);
        });
    }

    /// <summary>Moves time to <paramref name="target"/>, firing every timer due on the way at its own instant.</summary>
    public void AdvanceTo(DateTimeOffset target)
    {
        while (true)
        {
            var next = _timers.OrderBy(t => t.FiresAt).FirstOrDefault();
            if (next is null || next.FiresAt > target.UtcDateTime) break;
            _timers.Remove(next);
            if (next.FiresAt > Time.GetUtcNow().UtcDateTime) Time.SetUtcNow(new DateTimeOffset(next.FiresAt, TimeSpan.Zero));
            Pump(() => next.Completion.TrySetResult());
        }
        if (target > Time.GetUtcNow()) Time.SetUtcNow(target);
    }

    /// <summary>Runs <paramref name="action"/> (e.g. releasing a held activity) on the orchestration's context until idle.</summary>
    public void Do(Action action) => Pump(action);

    private void Pump(Action action)
    {
        _pump.Run(action);
        if (_failure is not null) throw new InvalidOperationException("The orchestration failed.", _failure);
    }

    /// <summary>When a step of the current plan fires.</summary>
    public DateTimeOffset FireAt(string stepId) => Input.Steps.Single(s => s.StepId == stepId).FireAtUtc;

    internal Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var firesAt = fireAt;
        if (TimerEarliness > TimeSpan.Zero && _firedEarly.Add(fireAt) && fireAt - TimerEarliness > Time.GetUtcNow().UtcDateTime)
            firesAt = fireAt - TimerEarliness;
        var timer = new PendingTimer(firesAt, new TaskCompletionSource());
        _timers.Add(timer);
        cancellationToken.Register(() =>
        {
            _timers.Remove(timer);
            timer.Completion.TrySetCanceled(cancellationToken);
        });
        return timer.Completion.Task;
    }

    internal async Task<T> CallActivityAsync<T>(string name, object? input)
    {
        var call = new ActivityCall(name, input, Time.GetUtcNow(), Generation);
        Calls.Add(call);
        var answer = Intercept?.Invoke(call) ?? Task.FromResult(Default(call));
        return (T)(await answer)!;
    }

    private object? Default(ActivityCall call) => call.Name switch
    {
        RecordItemActivity.Name or RecordEventActivity.Name => true,
        SendNoticeActivity.Name => SendNotice((NoticeStep)call.Input!),
        ReplanItemActivity.Name => Replan((ReplanRequest)call.Input!),
        PlanCheckInsActivity.Name => PlanCheckIns((CheckInRequest)call.Input!),
        _ => throw new InvalidOperationException($"No activity {call.Name}."),
    };

    /// <summary>The outbox's at-most-once rule: a key that has a row is not sent again.</summary>
    private NoticeOutcome SendNotice(NoticeStep notice)
    {
        var key = OutboxKey(notice);
        if (Outbox.ContainsKey(key)) return new NoticeOutcome("Sent", null);
        Outbox[key] = notice;
        Sent.Add((notice, Time.GetUtcNow()));
        return new NoticeOutcome("Sent", "msg-" + Sent.Count);
    }

    /// <summary>The key the outbox and the timeline use for a notice.</summary>
    public static string OutboxKey(NoticeStep notice) => notice.Key;

    /// <summary>What <see cref="ReplanItemActivity"/> computes for an item with no milestones.</summary>
    private static ItemReplan Replan(ReplanRequest request)
    {
        var due = request.RollToWorkingDay ? ItemInputs.Calendar.OnOrNextWorkingDay(request.NewDueDate) : request.NewDueDate;
        var steps = ItemInputs.Steps(request.Policy, due, notBefore: null)
            .Where(s => s.FireAtUtc > request.NowUtc).ToList();
        return new ItemReplan(due, VietnamTime.EndOfDay(due), steps);
    }

    /// <summary>What <see cref="PlanCheckInsActivity"/> computes: the next round from the request's day.</summary>
    private static IReadOnlyList<PlannedStep> PlanCheckIns(CheckInRequest request) =>
        ItemInputs.CheckIns(request.Policy, request.Time.PlannedDay(request.NowUtc), request.EveryMonths);

    private void Execute(ItemWorkflowInput input, IEnumerable<(string, object)> carried)
    {
        Input = input;
        _context = new FakeOrchestrationContext(this, InstanceId, carried);
        var context = _context;
        _execution = new ItemOrchestrator().RunAsync(context, input);
        _execution.ContinueWith(t => Finished(context, t), CancellationToken.None, TaskContinuationOptions.None,
            TaskScheduler.FromCurrentSynchronizationContext());
    }

    private void Finished(FakeOrchestrationContext context, Task<ItemOutcome?> execution)
    {
        if (execution.IsFaulted)
        {
            _failure = execution.Exception!.InnerException;
            return;
        }
        if (context.ContinuedAsNew)
        {
            Generation++;
            var next = (ItemWorkflowInput)RoundTrip(context.NewInput!);
            // Timers of the ended execution can no longer fire: the next one arms its own.
            _timers.Clear();
            Execute(next, context.PreserveUnprocessedEvents ? context.Unprocessed.ToList() : []);
            return;
        }
        Outcome = execution.Result;
        Ended = true;
    }

    /// <summary>What a backend does to inputs and events: store them as JSON and read them back.</summary>
    private static object RoundTrip(object value) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(value, value.GetType(), WorkflowJson.Options), value.GetType(), WorkflowJson.Options)!;

    private sealed record PendingTimer(DateTime FiresAt, TaskCompletionSource Completion);
}

/// <summary>Runs every continuation posted to it on the calling thread until there is nothing left to run.</summary>
internal sealed class PumpedSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _work = new();

    public override void Post(SendOrPostCallback d, object? state) => _work.Enqueue((d, state));
    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public void Run(Action action)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            action();
            while (_work.TryDequeue(out var work)) work.Callback(work.State);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}

/// <summary>Item inputs as the importer makes them, for a directive issued on one day with one due date.</summary>
public static class ItemInputs
{
    public static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Default();

    public static ItemWorkflowInput For(DateOnly issued, DateOnly due, EscalationPolicy? policy = null) => new()
    {
        DirectiveId = "d-test",
        Label = "1",
        Task = "Báo cáo kết quả thực hiện",
        Kind = "Date",
        Urgent = false,
        DueDate = due,
        DueUtc = VietnamTime.EndOfDay(due),
        Policy = policy ?? EscalationPolicy.Default,
        Time = TimeScale.RealTime,
        Steps = Steps(policy ?? EscalationPolicy.Default, due, issued),
    };

    /// <summary>An item without a due date, with check-ins every <paramref name="everyMonths"/> from <paramref name="issued"/>
    /// (null: an input stored before check-ins existed, with no steps).</summary>
    public static ItemWorkflowInput WithoutDeadline(DateOnly issued, int? everyMonths, EscalationPolicy? policy = null) => new()
    {
        DirectiveId = "d-test",
        Label = "1",
        Task = "Theo dõi, đôn đốc thường xuyên",
        Kind = "None",
        Urgent = false,
        Policy = policy ?? EscalationPolicy.Default,
        Time = TimeScale.RealTime,
        CheckInEveryMonths = everyMonths,
        Steps = everyMonths is { } every ? CheckIns(policy ?? EscalationPolicy.Default, issued, every) : [],
    };

    public static List<PlannedStep> CheckIns(EscalationPolicy policy, DateOnly from, int everyMonths) =>
        EscalationPlanner.PlanCheckIns(policy, from, everyMonths, Calendar)
            .Select(s => new PlannedStep(s.StepId, s.Kind, s.Level, s.Date, s.FiresAt)).ToList();

    public static List<PlannedStep> Steps(EscalationPolicy policy, DateOnly due, DateOnly? notBefore) =>
        EscalationPlanner.Plan(policy, due, Calendar, notBefore: notBefore)
            .Select(s => new PlannedStep(s.StepId, s.Kind, s.Level, s.Date, s.FiresAt)).ToList();
}
