using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Local.Durable;

/// <summary>
/// The Durable Task Framework's own worker (<see cref="TaskHubWorker"/>) over its Azure Storage
/// provider: the backend Durable Functions uses in Azure, so the task hub has the same tables,
/// queues and blobs. The orchestrator and activity classes from <see cref="WorkflowCatalog"/> run
/// inside it through the SDK's shims.
/// </summary>
public sealed class DurableRuntime : IHostedService, IAsyncDisposable
{
    private readonly TaskHubWorker _worker;
    private readonly ILogger<DurableRuntime> _logger;
    private Task? _stopping;

    public DurableRuntime(string storageConnectionString, DurableRuntimeOptions options, IServiceProvider services,
        ILoggerFactory loggerFactory)
    {
        _logger = loggerFactory.CreateLogger<DurableRuntime>();
        Options = options;
        Service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.HubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
            PartitionCount = options.PartitionCount,
            MaxQueuePollingInterval = TimeSpan.FromSeconds(options.PollingIntervalSeconds),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(options.MessageVisibilitySeconds),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(options.MessageVisibilitySeconds),
            LoggerFactory = loggerFactory,
            // One worker id per process: a restarted host must not pass for the dead one that
            // still holds partition leases (it waits for them to expire, then takes them over).
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}",
            // The table-based partition manager, as the Durable Functions extension (v3) uses by
            // default. The older blob-lease manager was seen not to take over a killed host's
            // partitions within two minutes on Azurite.
            UseTablePartitionManagement = true,
        });

        var converter = new JsonDataConverter(WorkflowJson.Options);
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = converter }, loggerFactory);
        _worker = new TaskHubWorker(Service, new ObjectRegistry<TaskOrchestration>(),
            new ObjectRegistry<TaskActivity>(), loggerFactory)
        {
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        // Orchestrators are plain classes; activities come from DI with their dependencies.
        foreach (var (name, type) in WorkflowCatalog.Orchestrators)
            _worker.AddTaskOrchestrations(new ShimCreator<TaskOrchestration>(name, () =>
                shims.CreateOrchestration(name, (ITaskOrchestrator)ActivatorUtilities.CreateInstance(services, type))));
        foreach (var (name, type) in WorkflowCatalog.Activities)
            _worker.AddTaskActivities(new ShimCreator<TaskActivity>(name, () =>
                shims.CreateActivity(name, (ITaskActivity)services.GetRequiredService(type))));

        Client = new StorageDurableTaskClient(options.HubName, Service, converter);
    }

    public DurableRuntimeOptions Options { get; }
    public AzureStorageOrchestrationService Service { get; }
    public StorageDurableTaskClient Client { get; }
    public bool IsRunning { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Service.CreateIfNotExistsAsync();
        await _worker.StartAsync();
        IsRunning = true;
        LocalLog.DurableRuntimeStarted(_logger, Options.HubName, Options.PartitionCount, Options.PollingIntervalSeconds);
    }

    /// <summary>
    /// Stops the worker, but waits no longer than <paramref name="cancellationToken"/> allows (the
    /// host's shutdown timeout): with storage gone (Ctrl+C stops Azurite too) the framework retries
    /// it for minutes. Giving up loses nothing: leases expire and abandoned work items run again
    /// at the next start.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!IsRunning) return;
        IsRunning = false;
        // Forced: in-flight work items are abandoned and picked up again on the next start.
        _stopping = _worker.StopAsync(isForced: true);
        try
        {
            await _stopping.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LocalLog.DurableRuntimeStopAbandoned(_logger);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        // A stop still waiting on storage holds the worker: disposing it under that stop would only add errors.
        if (_stopping is null || _stopping.IsCompleted) _worker.Dispose();
    }
}
