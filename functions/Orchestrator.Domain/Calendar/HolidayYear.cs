namespace Orchestrator.Domain.Calendar;

/// <summary>One year of the official schedule, as stored in Calendar/Data/YYYY.json.</summary>
public sealed record HolidayYear
{
    public required int Year { get; init; }
    /// <summary>"official", "announced" or "expected" (not yet decided; lunar dates computed).</summary>
    public required string Status { get; init; }
    /// <summary>Where the dates come from (decision / notice number, or why they are expected).</summary>
    public required string Source { get; init; }
    /// <summary>Days off besides ordinary weekends: holidays, compensatory days ("nghỉ bù"),
    /// and weekdays taken off in a swap ("hoán đổi").</summary>
    public IReadOnlyList<CalendarDay> Holidays { get; init; } = [];
    /// <summary>Saturdays or Sundays worked to pay back a swap ("ngày làm bù").</summary>
    public IReadOnlyList<CalendarDay> WorkingWeekendDays { get; init; } = [];
}

public sealed record CalendarDay(DateOnly Date, string Name);
