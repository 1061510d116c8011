using Azure.Data.Tables;
using DurableTask.AzureStorage;
using DurableTask.Core;

namespace Orchestrator.Local.Commands.StorageBench;

/// <summary>
/// The yardstick: the same shape of work on the bare Durable Task Framework, on the same storage
/// provider with the same settings as the local host (<see cref="Durable.DurableRuntime"/>), and
/// nothing of this project. Each item is an orchestration that upserts one table row in an
/// activity, then waits on a timer (its reminder) or a "complete" event; at the reminder it
/// upserts the row again and waits again; at "complete" it upserts the row and ends.
/// </summary>
internal sealed class RawFrameworkSubject(string name, StorageBenchSettings settings, string proxiedStorage, string directStorage)
    : IBenchSubject
{
    private const string CompleteEvent = "complete";
    private readonly List<string> _instanceIds = [];
    private AzureStorageOrchestrationService? _service;
    private TaskHubWorker? _worker;
    private TaskHubClient? _client;
    private AzureStorageOrchestrationService? _direct;
    private TableClient? _directRows;

    public string Name { get; } = name;
    public string Title => "raw DTFx";

    public async Task StartAsync()
    {
        _service = Service(proxiedStorage);
        _direct = Service(directStorage);
        var rows = new TableServiceClient(proxiedStorage).GetTableClient(Name + "Rows");
        await rows.CreateIfNotExistsAsync();
        _directRows = new TableServiceClient(directStorage).GetTableClient(Name + "Rows");

        await _service.CreateIfNotExistsAsync();
        _worker = new TaskHubWorker(_service);
        _worker.AddTaskOrchestrations(typeof(RawItemOrchestration));
        _worker.AddTaskActivities(new UpsertRowActivity(rows));
        await _worker.StartAsync();
        _client = new TaskHubClient(_service);
    }

    private AzureStorageOrchestrationService Service(string connectionString) => new(new AzureStorageOrchestrationServiceSettings
    {
        TaskHubName = Name,
        StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
        PartitionCount = settings.PartitionCount,
        MaxQueuePollingInterval = TimeSpan.FromSeconds(settings.PollingIntervalSeconds),
        WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}-raw",
        UseTablePartitionManagement = true,
    });

    public async Task<DateTimeOffset> ImportAsync(int count)
    {
        var reminderAt = DateTimeOffset.UtcNow + settings.FirstReminderAfter;
        for (var i = 1; i <= count; i++)
        {
            var id = $"{Name}-{i}";
            _instanceIds.Add(id);
            await _client!.CreateOrchestrationInstanceAsync(typeof(RawItemOrchestration), id,
                new RawItemInput(id, reminderAt.UtcDateTime));
        }
        return reminderAt;
    }

    public Task<bool> AllWaitingOnFirstTimerAsync() => AllRowsAtAsync("recorded");

    public Task<bool> AllRemindedAsync() => AllRowsAtAsync("reminded");

    public async Task CompleteAllAsync()
    {
        foreach (var id in _instanceIds)
            await _client!.RaiseEventAsync(new OrchestrationInstance { InstanceId = id }, CompleteEvent, "done");
    }

    public async Task<bool> AllCompletedAsync()
    {
        foreach (var id in _instanceIds)
        {
            var state = (await _direct!.GetOrchestrationStateAsync(id, allExecutions: false)).FirstOrDefault();
            if (state?.OrchestrationStatus is OrchestrationStatus.Failed)
                throw new InvalidOperationException($"raw item {id} failed: {state.Output}");
            if (state?.OrchestrationStatus != OrchestrationStatus.Completed) return false;
        }
        return true;
    }

    private async Task<bool> AllRowsAtAsync(string stage)
    {
        var at = 0;
        await foreach (var row in _directRows!.QueryAsync<TableEntity>(select: ["Stage"]))
            if (row.GetString("Stage") == stage) at++;
        return at == _instanceIds.Count;
    }

    public async ValueTask DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.StopAsync(isForced: true);
            _worker.Dispose();
        }
    }

    internal sealed record RawItemInput(string Key, DateTime ReminderAtUtc);

    internal sealed record RawRow(string Key, string Stage);

    /// <summary>Record, wait for the reminder or completion, remind and wait again, record the completion.</summary>
    internal sealed class RawItemOrchestration : TaskOrchestration<string, RawItemInput>
    {
        private readonly TaskCompletionSource<string> _completed = new();

        public override async Task<string> RunTask(OrchestrationContext context, RawItemInput input)
        {
            await context.ScheduleTask<bool>(typeof(UpsertRowActivity), new RawRow(input.Key, "recorded"));
            if (await TimerFiredFirstAsync(context, input.ReminderAtUtc))
            {
                await context.ScheduleTask<bool>(typeof(UpsertRowActivity), new RawRow(input.Key, "reminded"));
                // Not beyond a week: a queue message (a timer, on this provider) cannot be hidden
                // longer; the SDK splits long timers, the bare framework does not.
                await TimerFiredFirstAsync(context, input.ReminderAtUtc.AddDays(1));
            }
            await context.ScheduleTask<bool>(typeof(UpsertRowActivity), new RawRow(input.Key, "completed"));
            return "done";
        }

        private async Task<bool> TimerFiredFirstAsync(OrchestrationContext context, DateTime fireAt)
        {
            using var cancel = new CancellationTokenSource();
            var timer = context.CreateTimer(fireAt, true, cancel.Token);
            if (await Task.WhenAny(timer, _completed.Task) == timer) return true;
            cancel.Cancel();
            return false;
        }

        public override void OnEvent(OrchestrationContext context, string name, string input)
        {
            if (name == CompleteEvent) _completed.TrySetResult(input);
        }
    }

    /// <summary>One upsert of one row: the whole I/O of a step.</summary>
    internal sealed class UpsertRowActivity(TableClient rows) : AsyncTaskActivity<RawRow, bool>
    {
        protected override async Task<bool> ExecuteAsync(TaskContext context, RawRow input)
        {
            await rows.UpsertEntityAsync(new TableEntity(input.Key, "item") { ["Stage"] = input.Stage });
            return true;
        }
    }
}
