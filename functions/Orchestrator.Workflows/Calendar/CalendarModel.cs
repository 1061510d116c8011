namespace Orchestrator.Workflows.Calendar;

/// <summary>One year as the operations page lists it.</summary>
/// <param name="Origin">"built-in" (released with this version) or "loaded" (stored at run time).</param>
public sealed record CalendarYearRow(int Year, string Status, string Origin, string Source, int DaysOff, int WorkedWeekendDays,
    string? LoadedBy, DateTimeOffset? LoadedAtUtc, string? Reason);

/// <summary>GET api/admin/calendar: the decided years; every other year of the range is expected (computed by rule).</summary>
public sealed record CalendarListResponse(int FirstYear, int LastYear, IReadOnlyList<CalendarYearRow> Decided, string ExpectedRule,
    DateTimeOffset? StoredLoadedAtUtc);

/// <summary>PUT api/admin/calendar/{year}: what was stored and which running items were asked to re-plan.</summary>
public sealed record CalendarLoadResponse(int Year, string Status, int DaysOff, int WorkedWeekendDays, bool Replaced,
    int ItemsConsidered, int ItemsSignalled, int ItemsFailed, long ReplanMs);
