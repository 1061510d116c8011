using System.Globalization;

namespace Orchestrator.Domain.Calendar;

/// <summary>A date outside the years the working-day calendar computes (2000–2099). Every year in the
/// range is known (decided, or expected by rule), so this is the only refusal for lack of a calendar.</summary>
public sealed class CalendarYearMissingException(int year)
    : Exception(string.Create(CultureInfo.InvariantCulture,
        $"{year} is outside the working-day calendar ({WorkingDayCalendar.FirstYear}–{WorkingDayCalendar.LastYear})."))
{
    public int Year { get; } = year;
}
