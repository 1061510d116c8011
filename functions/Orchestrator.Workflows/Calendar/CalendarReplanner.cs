using System.Globalization;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Orchestrator.Domain.Common;
using Orchestrator.Workflows.Items;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Calendar;

/// <summary>What asking the running items to re-plan did.</summary>
public sealed record ReplanSignals(int Considered, int Signalled, int Failed, long ElapsedMs);

/// <summary>
/// After a year's schedule is loaded, asks every running item whose plan may have steps in that year
/// to re-plan (<see cref="ItemEventKind.CalendarChanged"/>). Found from the read model: open items
/// with a deadline due before February of the next year (reminders come before the due date;
/// escalations of an overdue item go on after it); for a year already past, none. The event id is
/// the year and the schedule's content: running the same load again sends the same id, which an item
/// that already applied it ignores; so a load interrupted half-way is completed by loading the same file again.
/// </summary>
public sealed class CalendarReplanner(TableStorage storage, TimeProvider clock)
{
    /// <summary>Events raised at once: the storage service (one queue message each) is the limit, not the host.</summary>
    public const int Parallelism = 8;

    public async Task<ReplanSignals> SignalAsync(DurableTaskClient durable, int year, string contentHash, string actor, string reason,
        CancellationToken ct = default)
    {
        var started = clock.GetTimestamp();
        var now = clock.GetUtcNow();
        if (year < VietnamTime.Today(now).Year) return new(0, 0, 0, 0);

        var table = await storage.GetTableAsync(ItemStore.ItemsTable);
        var before = new DateTimeOffset(year + 1, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var filter = $"({ItemQueries.OpenWithDeadline}) and " + TableClient.CreateQueryFilter($"DueUtc lt {before}");
        var instances = new List<string>();
        await foreach (var row in table.QueryAsync<ItemRecord>(filter, select: ["InstanceId"], cancellationToken: ct))
            instances.Add(row.InstanceId);

        var itemEvent = new ItemEvent
        {
            EventId = string.Create(CultureInfo.InvariantCulture, $"calendar-{year}-{contentHash}"),
            Kind = ItemEventKind.CalendarChanged,
            Actor = actor,
            AtUtc = now,
            Reason = reason,
            EventDate = new DateOnly(year, 1, 1),
        };
        var signalled = 0;
        var failed = 0;
        await Parallel.ForEachAsync(instances, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (instanceId, token) =>
            {
                try
                {
                    await durable.RaiseEventAsync(instanceId, ItemEvent.Name, itemEvent, token);
                    Interlocked.Increment(ref signalled);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // An item that ended meanwhile takes no event; any other failure is counted and
                    // reported: loading the same file again signals it again.
                    Interlocked.Increment(ref failed);
                }
            });
        return new(instances.Count, signalled, failed, (long)clock.GetElapsedTime(started).TotalMilliseconds);
    }
}
