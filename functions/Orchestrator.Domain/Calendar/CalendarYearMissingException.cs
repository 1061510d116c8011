namespace Orchestrator.Domain.Calendar;

/// <summary>A date falls in a year with no holiday data. We refuse to guess: Tết and the swapped
/// working days move every year and only the Government's decision says which days they are.</summary>
public sealed class CalendarYearMissingException(int year, IReadOnlyCollection<int> knownYears)
    : Exception($"No public-holiday data for {year}. Known years: {string.Join(", ", knownYears.Order())}. " +
                $"Add a {year}.json file (see docs/directives.md, 'Calendar data').")
{
    public int Year { get; } = year;
}
