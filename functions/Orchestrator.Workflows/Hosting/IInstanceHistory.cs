using System.Text.Json;
using Microsoft.DurableTask.Client;

namespace Orchestrator.Workflows.Hosting;

/// <summary>One line of an instance's history, in words an operator reads.</summary>
public sealed record HistoryEntry(DateTimeOffset At, string Event, string? Name, string? Detail);

/// <summary>An instance's history as a timeline, or why it is not available on this host.</summary>
public sealed record InstanceHistory(bool Available, IReadOnlyList<HistoryEntry> Events, string? Note = null)
{
    public static InstanceHistory NotAvailable(string why) => new(false, [], why);
}

/// <summary>
/// Reads an orchestration's history. Host-specific: the local host reads the Azure Storage
/// history table directly; the Functions app asks its Durable Task client.
/// </summary>
public interface IInstanceHistory
{
    Task<InstanceHistory> GetAsync(DurableTaskClient durable, string instanceId, CancellationToken cancellation = default);
}

/// <summary>History through <see cref="DurableTaskClient.GetOrchestrationHistoryAsync"/>, where the client supports it.</summary>
public sealed class ClientInstanceHistory : IInstanceHistory
{
    public async Task<InstanceHistory> GetAsync(DurableTaskClient durable, string instanceId, CancellationToken cancellation = default)
    {
        try
        {
            var events = await durable.GetOrchestrationHistoryAsync(instanceId, cancellation);
            return new InstanceHistory(true, HistoryTimeline.FromJson(Newtonsoft.Json.JsonConvert.SerializeObject(events)));
        }
        catch (NotSupportedException)
        {
            return InstanceHistory.NotAvailable("History is not available on this host: its Durable Task client does not read history. " +
                                                "Use Durable Functions Monitor or the task hub's History table.");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException || e.GetType().Name == "RpcException")
        {
            return InstanceHistory.NotAvailable("History is not available on this host: " + e.Message.Split('\n')[0]);
        }
    }
}

/// <summary>
/// Turns the framework's history events (as the JSON the Azure Storage provider and Newtonsoft
/// write: an <c>EventType</c> number and the event's own fields) into readable lines.
/// </summary>
public static class HistoryTimeline
{
    // DurableTask.Core.History.EventType, by number (stable: they are persisted).
    private static readonly string[] EventTypes =
    [
        "ExecutionStarted", "ExecutionCompleted", "ExecutionFailed", "ExecutionTerminated", "TaskScheduled",
        "TaskCompleted", "TaskFailed", "SubOrchestrationInstanceCreated", "SubOrchestrationInstanceCompleted",
        "SubOrchestrationInstanceFailed", "TimerCreated", "TimerFired", "OrchestratorStarted", "OrchestratorCompleted",
        "EventSent", "EventRaised", "ContinueAsNew", "GenericEvent", "HistoryState", "ExecutionSuspended",
        "ExecutionResumed", "ExecutionRewound",
    ];

    /// <summary>Events of no interest to an operator (replay bookkeeping).</summary>
    private static readonly HashSet<string> Noise = ["OrchestratorStarted", "OrchestratorCompleted"];

    public static IReadOnlyList<HistoryEntry> FromJson(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && Get(root, "Events") is { ValueKind: JsonValueKind.Array } nested) root = nested;
        if (root.ValueKind != JsonValueKind.Array) return [];

        // Task ids → activity names, so completions and failures say what they finished.
        var scheduled = new Dictionary<int, string>();
        var entries = new List<HistoryEntry>();
        foreach (var e in root.EnumerateArray())
        {
            var type = TypeOf(e);
            if (Noise.Contains(type)) continue;
            var name = Text(e, "Name");
            if (type is "TaskScheduled" or "SubOrchestrationInstanceCreated" && Number(e, "EventId") is { } id && name is not null)
                scheduled[id] = name;
            if (name is null && Number(e, "TaskScheduledId") is { } taskId) name = scheduled.GetValueOrDefault(taskId);
            entries.Add(new HistoryEntry(TimeOf(e), type, name, DetailOf(type, e)));
        }
        return entries;
    }

    private static string TypeOf(JsonElement e) => Get(e, "EventType") switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var i) && i >= 0 && i < EventTypes.Length => EventTypes[i],
        { ValueKind: JsonValueKind.String } s => s.GetString()!,
        _ => "Unknown",
    };

    private static DateTimeOffset TimeOf(JsonElement e) =>
        Get(e, "Timestamp") is { ValueKind: JsonValueKind.String } t && t.TryGetDateTimeOffset(out var at)
            ? (t.GetString()!.EndsWith('Z') || t.GetString()!.Contains('+') ? at : new DateTimeOffset(at.DateTime, TimeSpan.Zero))
            : default;

    private static string? DetailOf(string type, JsonElement e) => type switch
    {
        "TaskFailed" or "SubOrchestrationInstanceFailed" or "ExecutionFailed" => Failure(e),
        "TaskCompleted" or "SubOrchestrationInstanceCompleted" => Clip(Text(e, "Result")),
        "ExecutionCompleted" => Text(e, "OrchestrationStatus") is { } s && s != "1" && s != "Completed" ? Failure(e) ?? Clip(Text(e, "Result")) : Clip(Text(e, "Result")),
        "ExecutionTerminated" or "ExecutionSuspended" or "ExecutionResumed" or "ExecutionRewound" => Text(e, "Reason") ?? Clip(Text(e, "Input")),
        "TimerCreated" or "TimerFired" => Text(e, "FireAt") is { } at ? "fires at " + at : null,
        "EventRaised" or "EventSent" or "ExecutionStarted" or "TaskScheduled" => Clip(Text(e, "Input")),
        "GenericEvent" => Clip(Text(e, "Data")),
        _ => null,
    };

    private static string? Failure(JsonElement e)
    {
        if (Get(e, "FailureDetails") is { ValueKind: JsonValueKind.Object } f)
            return $"{Text(f, "ErrorType")}: {Text(f, "ErrorMessage")}";
        var reason = Text(e, "Reason");
        var details = Text(e, "Details");
        return reason is null && details is null ? null : Clip(string.Join(" ", new[] { reason, details }.Where(s => !string.IsNullOrEmpty(s))));
    }

    private static string? Clip(string? s) => s is null ? null : s.Length <= 300 ? s : s[..299] + "…";

    private static JsonElement? Get(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    private static string? Text(JsonElement e, string name) => Get(e, name) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { } other => other.GetRawText(),
        null => null,
    };

    private static int? Number(JsonElement e, string name) =>
        Get(e, name) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var i) ? i : null;
}
