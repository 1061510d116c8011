using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Domain.Calendar;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Workflows.Calendar;

/// <summary>
/// Keeps the process's <see cref="WorkingDayCalendar"/> (the singleton imports, plans and activities
/// use) equal to the built-in years plus the stored ones: loaded at start, reloaded after a load made
/// through this instance and every <see cref="RefreshInterval"/> (loads made through another instance).
/// Lookups read memory only. Orchestrators never read it; activities and API handlers do.
/// </summary>
public sealed class StoredCalendar(CalendarStore store, WorkingDayCalendar calendar, TimeProvider clock, ILogger<StoredCalendar>? logger = null) : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    private readonly ILogger _log = logger ?? NullLogger<StoredCalendar>.Instance;
    private readonly SemaphoreSlim _loading = new(1, 1);

    public void Dispose() => _loading.Dispose();

    public WorkingDayCalendar Calendar => calendar;

    /// <summary>When the stored years were last loaded; null while only the built-in years are in use.</summary>
    public DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>The stored years as last loaded (who loaded each and when), by year.</summary>
    public IReadOnlyDictionary<int, StoredYear> Loaded { get; private set; } = new Dictionary<int, StoredYear>();

    /// <summary>Reads every stored year and swaps them in. A stored year that fails the checks
    /// (possible only by writing the table by hand) is refused, the calendar in memory kept, and logged.</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await _loading.WaitAsync(ct);
        try
        {
            var years = await store.ReadAllAsync(ct);
            calendar.Replace(years.Select(y => y.Schedule));
            Loaded = years.ToDictionary(y => y.Schedule.Year);
            LoadedAt = clock.GetUtcNow();
        }
        catch (InvalidDataException e)
        {
            CalendarLog.Inconsistent(_log, e.Message);
        }
        finally
        {
            _loading.Release();
        }
    }
}

/// <summary>Runs <see cref="StoredCalendar"/> in either host: loaded before the host serves (the
/// built-in years serve while storage cannot be read), then refreshed.</summary>
public sealed class StoredCalendarRefresh(StoredCalendar stored, ILogger<StoredCalendarRefresh> logger)
    : StoredDataRefresh(StoredCalendar.RefreshInterval)
{
    protected override Task LoadAtStartAsync(CancellationToken ct) => stored.ReloadAsync(ct);

    protected override Task RefreshAsync(CancellationToken ct) => stored.ReloadAsync(ct);

    protected override void LogNotLoadedAtStart(string message) => CalendarLog.NotLoadedAtStart(logger, message);

    protected override void LogRefreshFailed(string message) => CalendarLog.ReloadFailed(logger, message);
}

/// <summary>The stored calendar's log events (ids 3101-3199), source-generated.</summary>
internal static partial class CalendarLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "The stored calendar is inconsistent and was not loaded: {Problem}")]
    public static partial void Inconsistent(ILogger logger, string problem);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning,
        Message = "The stored calendar could not be loaded at start ({Message}); the built-in years serve until it can.")]
    public static partial void NotLoadedAtStart(ILogger logger, string message);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Reloading the stored calendar failed ({Message}); the last one loaded stays in use.")]
    public static partial void ReloadFailed(ILogger logger, string message);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Calendar {Year} loaded by {Operator}: {Signalled} running item(s) asked to re-plan in {Elapsed} ms.")]
    public static partial void Loaded(ILogger logger, int year, string @operator, int signalled, long elapsed);
}
