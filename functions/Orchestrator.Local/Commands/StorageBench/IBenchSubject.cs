namespace Orchestrator.Local.Commands.StorageBench;

/// <summary>
/// Something whose storage requests the bench counts, put through the same four phases: items
/// started until each waits on its first timer, an idle spell, one reminder each, one completion each.
/// The checks (<c>All…Async</c>) read storage directly, past the counting proxy.
/// </summary>
internal interface IBenchSubject : IAsyncDisposable
{
    /// <summary>Its task hub name, hidden from operation names.</summary>
    string Name { get; }

    string Title { get; }

    Task StartAsync();

    /// <summary>Starts <paramref name="count"/> items; returns when their first reminder comes due (at the earliest).</summary>
    Task<DateTimeOffset> ImportAsync(int count);

    Task<bool> AllWaitingOnFirstTimerAsync();

    Task<bool> AllRemindedAsync();

    Task CompleteAllAsync();

    Task<bool> AllCompletedAsync();
}

/// <summary>The bench's settings; both subjects run with the same ones.</summary>
public sealed record StorageBenchSettings(
    int Items = 100,
    double PollingIntervalSeconds = 2,
    int PartitionCount = 4,
    double SecondsPerDay = 30,
    double IdleSeconds = 60,
    double BaselineSeconds = 30)
{
    /// <summary>When the raw framework's items get their reminder: as late after the import as the project's.</summary>
    public TimeSpan FirstReminderAfter => ProjectSubject.FirstReminderAfter(SecondsPerDay);

    /// <summary>
    /// A phase is over once its condition holds and no request other than background polling has
    /// come for this long: longer than a polling interval, so work waiting in a queue is seen.
    /// </summary>
    public TimeSpan Quiet => TimeSpan.FromSeconds(Math.Max(5, 2.5 * PollingIntervalSeconds));
}
