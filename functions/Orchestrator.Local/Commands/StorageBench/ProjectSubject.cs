using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Orchestrator.Domain.Common;

namespace Orchestrator.Local.Commands.StorageBench;

/// <summary>
/// This project, as it runs: a local host (HTTP API, stores, item orchestrations) whose storage is
/// the counting proxy. Items come from a synthetic directive with compressed time, due 20 plan days
/// after issue, so the default policy's first reminder (14 days before due) fires 6 plan days
/// after the import. The bench looks at the task hub directly (not through the proxy) to tell
/// when a phase is done, so its own checks are not counted.
/// </summary>
internal sealed class ProjectSubject(StorageBenchSettings settings, string proxiedStorage, string directStorage) : IBenchSubject
{
    private const int DueAfterDays = 20;
    private const int ReminderDaysBefore = 14;
    private readonly List<(string Label, string InstanceId)> _items = [];
    private readonly Dictionary<string, string?> _statusAfterImport = [];
    private ScratchHost? _scratch;
    private AzureStorageOrchestrationService? _direct;
    private string? _directiveId;

    public string Name => _scratch?.Name ?? "";
    public string Title => "this project";

    public async Task StartAsync()
    {
        _scratch = await ScratchHost.StartAsync("txbench", TimeSpan.FromMinutes(10), new Dictionary<string, string?>
        {
            [Workflows.Storage.StorageConnection.SettingName] = proxiedStorage,
            ["DurableTask:PartitionCount"] = settings.PartitionCount.ToString(CultureInfo.InvariantCulture),
            ["DurableTask:PollingIntervalSeconds"] = settings.PollingIntervalSeconds.ToString(CultureInfo.InvariantCulture),
            ["Escalation:ReminderDaysBefore"] = ReminderDaysBefore.ToString(CultureInfo.InvariantCulture),
            ["SendGrid:ApiKey"] = "", // notices are stored as NotSent: no email service in the count
        });
        _direct = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = _scratch.Name,
            StorageAccountClientProvider = new StorageAccountClientProvider(directStorage),
        });
    }

    /// <summary>The first reminder is due 6 plan days after the import's instant, or later (its time of day).</summary>
    public static TimeSpan FirstReminderAfter(double secondsPerDay) =>
        TimeSpan.FromSeconds((DueAfterDays - ReminderDaysBefore) * secondsPerDay);

    public async Task<DateTimeOffset> ImportAsync(int count)
    {
        var issued = VietnamTime.Today(DateTimeOffset.UtcNow);
        var json = Bench.BenchDirective.Of(count, issued, issued.AddDays(DueAfterDays));
        var importedAt = DateTimeOffset.UtcNow;
        var spd = settings.SecondsPerDay.ToString(CultureInfo.InvariantCulture);
        var response = await _scratch!.Client.PostAsync($"/api/directives?secondsPerDay={spd}",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"import failed ({(int)response.StatusCode}): {body}");
        _directiveId = body.GetProperty("directiveId").GetString()!;
        // A large directive answers 202 and starts its items in the background: their ids follow from the labels.
        foreach (var label in Bench.BenchDirective.Labels(count))
            _items.Add((label, Workflows.Items.ItemInstanceId.For(_directiveId, label)));
        return importedAt + FirstReminderAfter(settings.SecondsPerDay);
    }

    /// <summary>The custom status is written in the same checkpoint that schedules the first timer.</summary>
    public async Task<bool> AllWaitingOnFirstTimerAsync()
    {
        foreach (var (_, id) in _items)
        {
            var state = await StateAsync(id);
            if (state is not { OrchestrationStatus: OrchestrationStatus.Running, Status: { Length: > 0 } }) return false;
            _statusAfterImport[id] = state.Status;
        }
        return true;
    }

    /// <summary>After a reminder the item continues as new with the next step, so its custom status changes.</summary>
    public async Task<bool> AllRemindedAsync()
    {
        foreach (var (_, id) in _items)
        {
            var state = await StateAsync(id);
            if (state is not { OrchestrationStatus: OrchestrationStatus.Running, Status: { Length: > 0 } status }
                || status == _statusAfterImport[id]) return false;
        }
        return true;
    }

    public async Task CompleteAllAsync()
    {
        foreach (var (label, _) in _items)
        {
            var response = await _scratch!.Client.PostAsJsonAsync($"/api/items/{_directiveId}/{label}/complete",
                new { reportNumber = "1/BC", actor = "bench@example.org" });
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"complete {label} failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task<bool> AllCompletedAsync()
    {
        foreach (var (_, id) in _items)
            if ((await StateAsync(id))?.OrchestrationStatus != OrchestrationStatus.Completed) return false;
        return true;
    }

    private async Task<OrchestrationState?> StateAsync(string instanceId)
    {
        var state = (await _direct!.GetOrchestrationStateAsync(instanceId, allExecutions: false)).FirstOrDefault();
        if (state?.OrchestrationStatus is OrchestrationStatus.Failed)
            throw new InvalidOperationException($"item {instanceId} failed: {state.Output}");
        return state;
    }

    public async ValueTask DisposeAsync()
    {
        if (_scratch is not null) await _scratch.DisposeAsync();
    }
}
