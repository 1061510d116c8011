using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using CorePurgeFilter = DurableTask.Core.PurgeInstanceFilter;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace Orchestrator.Local.Durable;

/// <summary>
/// A <see cref="DurableTaskClient"/> that talks straight to the Durable Task Framework's Azure
/// Storage provider: the API code written against the SDK's client runs unchanged on the local host.
/// Statuses share their numbers between the framework and the SDK, so they convert by cast.
/// </summary>
public sealed class StorageDurableTaskClient : DurableTaskClient
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private readonly AzureStorageOrchestrationService _service;
    private readonly DataConverter _converter;

    public StorageDurableTaskClient(string name, AzureStorageOrchestrationService service, DataConverter converter) : base(name)
    {
        _service = service;
        _converter = converter;
    }

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null,
        StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var instance = new OrchestrationInstance
        {
            InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        var started = new ExecutionStartedEvent(-1, _converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags?.ToDictionary(t => t.Key, t => t.Value),
        };
        // Refuse to replace an instance that is still alive, as Durable Functions does by default.
        await _service.CreateTaskOrchestrationAsync(new TaskMessage { Event = started, OrchestrationInstance = instance },
            [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended]);
        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null,
        CancellationToken cancellation = default) =>
        SendAsync(instanceId, new EventRaisedEvent(-1, _converter.Serialize(eventPayload)) { Name = eventName });

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason));

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason));

    // The output (a reason) goes through the data converter whatever its type, a string too, as the
    // SDK's client does in the Functions host: the stored output is then JSON that ReadOutputAs reads.
    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null,
        CancellationToken cancellation = default) =>
        _service.ForceTerminateTaskOrchestrationAsync(instanceId, _converter.Serialize(options?.Output));

    public override Task RewindInstanceAsync(string instanceId, string reason, CancellationToken cancellation = default) =>
        _service.RewindTaskOrchestrationAsync(instanceId, reason);

    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false,
        CancellationToken cancellation = default)
    {
        var existing = await GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellation)
            ?? throw new ArgumentException($"No orchestration instance with id '{instanceId}'.", nameof(instanceId));
        if (!existing.IsCompleted)
            throw new InvalidOperationException($"Instance '{instanceId}' is {existing.RuntimeStatus}: only ended instances can be restarted.");

        var instance = new OrchestrationInstance
        {
            InstanceId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId,
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        // The stored input is already serialized: pass it through as it is.
        var started = new ExecutionStartedEvent(-1, existing.SerializedInput)
        {
            Name = existing.Name,
            Version = string.Empty,
            OrchestrationInstance = instance,
            Tags = existing.Tags?.ToDictionary(t => t.Key, t => t.Value),
        };
        await _service.CreateTaskOrchestrationAsync(new TaskMessage { Event = started, OrchestrationInstance = instance },
            [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended]);
        return instance.InstanceId;
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false,
        CancellationToken cancellation = default)
    {
        var states = await _service.GetOrchestrationStateAsync(instanceId, allExecutions: false);
        var state = states.FirstOrDefault(s => s is not null);
        return state is null ? null : ToMetadata(state, getInputsAndOutputs);
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(Microsoft.DurableTask.Client.OrchestrationQuery? filter = null) =>
        Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var query = new CoreQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(s => (OrchestrationStatus)s).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? 100,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await _service.GetOrchestrationWithQueryAsync(query, cancellation);
            var items = result.OrchestrationState.Select(s => ToMetadata(s, query.FetchInputsAndOutputs)).ToList();
            return new Page<OrchestrationMetadata>(items, result.ContinuationToken);
        });

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null,
        CancellationToken cancellation = default)
    {
        var result = await ((IOrchestrationServicePurgeClient)_service).PurgeInstanceStateAsync(instanceId);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null,
        CancellationToken cancellation = default)
    {
        var coreFilter = new CorePurgeFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue,
            filter.CreatedTo?.UtcDateTime,
            filter.Statuses?.Select(s => (OrchestrationStatus)s));
        var result = await ((IOrchestrationServicePurgeClient)_service).PurgeInstanceStateAsync(coreFilter);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false,
        CancellationToken cancellation = default)
    {
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);
            if (metadata is not null && metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending) return metadata;
            await Task.Delay(PollInterval, cancellation);
        }
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false,
        CancellationToken cancellation = default)
    {
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);
            if (metadata is { IsCompleted: true }) return metadata;
            await Task.Delay(PollInterval, cancellation);
        }
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task SendAsync(string instanceId, HistoryEvent historyEvent) =>
        _service.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            Event = historyEvent,
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
        });

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool withInputsAndOutputs)
    {
        var status = (OrchestrationRuntimeStatus)state.OrchestrationStatus;
        return new OrchestrationMetadata(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = _converter,
            RuntimeStatus = status,
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
            LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
            SerializedInput = withInputsAndOutputs ? state.Input : null,
            // A failed instance keeps its failure in the output column on this backend.
            SerializedOutput = withInputsAndOutputs || status == OrchestrationRuntimeStatus.Failed ? state.Output : null,
            SerializedCustomStatus = state.Status,
            FailureDetails = ToFailureDetails(state),
            Tags = state.Tags is null ? new Dictionary<string, string>() : new Dictionary<string, string>(state.Tags),
        };
    }

    private static TaskFailureDetails? ToFailureDetails(OrchestrationState state)
    {
        if (state.OrchestrationStatus != OrchestrationStatus.Failed) return null;
        var details = state.FailureDetails;
        if (details is not null) return Convert(details);
        // Azure Storage keeps only the output: the framework's serialized FailureDetails, or plain text.
        try
        {
            var parsed = Newtonsoft.Json.JsonConvert.DeserializeObject<FailureDetails>(state.Output ?? string.Empty);
            if (parsed?.ErrorType is not null) return Convert(parsed);
        }
        catch (Newtonsoft.Json.JsonException) { }
        return new TaskFailureDetails("OrchestrationFailed", state.Output ?? "(no failure message was stored)", null, null, null);
    }

    private static TaskFailureDetails Convert(FailureDetails details) => new(
        details.ErrorType, details.ErrorMessage, details.StackTrace,
        details.InnerFailure is null ? null : Convert(details.InnerFailure), null);
}
