using System.Globalization;

namespace Orchestrator.Domain.Calendar;

/// <summary>One thing wrong with a year's schedule: the JSON field and what was expected there.</summary>
public sealed record ScheduleProblem(string Field, string Expected);

/// <summary>
/// What a year's schedule (the shape of Calendar/Data/YYYY.json) must be before it is used: a year
/// the calendar covers, a status, a source, days in that year, weekend days only as worked days, and
/// the fixed holidays of Art. 112 present (a file for the wrong year or a truncated one fails here).
/// </summary>
public static class HolidayYearRules
{
    public const int MaxDays = 60;
    public const int MaxText = 2000;
    public const int MaxName = 200;

    /// <summary>Statuses of a decided schedule; <see cref="ExpectedHolidays.Status"/> is the computed one.</summary>
    public static readonly IReadOnlyList<string> DecidedStatuses = ["official", "announced"];

    /// <param name="decidedOnly">True for a schedule being loaded: it must be a decided one (official or
    /// announced; an expected year is computed, never loaded) and list the fixed holidays. Files given
    /// to the command line's --calendar (tests, what-ifs) are held to the structural checks only.</param>
    public static IReadOnlyList<ScheduleProblem> Check(HolidayYear? y, bool decidedOnly = false)
    {
        var problems = new List<ScheduleProblem>();
        void Add(string field, string expected) => problems.Add(new(field, expected));
        if (y is null) { Add("", "a schedule {year, status, source, holidays, workingWeekendDays}"); return problems; }

        var range = string.Create(CultureInfo.InvariantCulture, $"{WorkingDayCalendar.FirstYear} to {WorkingDayCalendar.LastYear}");
        if (!WorkingDayCalendar.Covers(y.Year)) Add("year", $"a year from {range}");
        var statuses = decidedOnly ? DecidedStatuses : [.. DecidedStatuses, ExpectedHolidays.Status];
        if (y.Status is null || !statuses.Contains(y.Status, StringComparer.Ordinal))
            Add("status", string.Join(" or ", statuses.Select(s => $"\"{s}\"")));
        if (string.IsNullOrWhiteSpace(y.Source)) Add("source", "where the dates come from (the decision or notice number)");
        else if (y.Source.Length > MaxText) Add("source", $"at most {MaxText} characters");
        if (problems.Any(p => p.Field == "year")) return problems;

        var off = Days(problems, "holidays", y.Holidays, y.Year, weekendOnly: false);
        Days(problems, "workingWeekendDays", y.WorkingWeekendDays, y.Year, weekendOnly: true);
        for (var i = 0; i < (y.WorkingWeekendDays?.Count ?? 0); i++)
        {
            if (y.WorkingWeekendDays![i] is { } d && off.Contains(d.Date))
                Add($"workingWeekendDays[{i}].date", "a day that is not also listed in holidays");
        }
        if (decidedOnly && y.Holidays is not null && problems.Count == 0)
        {
            foreach (var (month, day, name) in Fixed)
            {
                if (!off.Contains(new DateOnly(y.Year, month, day)))
                    Add("holidays", string.Create(CultureInfo.InvariantCulture, $"{name} ({day:00}/{month:00}/{y.Year}) listed: Labour Code 2019 Art. 112 makes it a holiday every year"));
            }
        }
        return problems;
    }

    private static readonly (int Month, int Day, string Name)[] Fixed =
        [(1, 1, "Tết Dương lịch"), (4, 30, "Ngày Chiến thắng"), (5, 1, "Ngày Quốc tế lao động"), (9, 2, "Quốc khánh")];

    private static HashSet<DateOnly> Days(List<ScheduleProblem> problems, string field, IReadOnlyList<CalendarDay>? days, int year, bool weekendOnly)
    {
        var seen = new HashSet<DateOnly>();
        if (days is null) { problems.Add(new(field, "a list (empty when none)")); return seen; }
        if (days.Count > MaxDays) problems.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"at most {MaxDays} days")));
        for (var i = 0; i < days.Count; i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]");
            if (days[i] is not { } d) { problems.Add(new(at, "a day {date, name}")); continue; }
            if (d.Date.Year != year) problems.Add(new(at + ".date", string.Create(CultureInfo.InvariantCulture, $"a date in {year} (yyyy-MM-dd)")));
            else if (weekendOnly && d.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                problems.Add(new(at + ".date", "a Saturday or Sunday worked in a swap"));
            else if (!seen.Add(d.Date)) problems.Add(new(at + ".date", "each date once"));
            if (string.IsNullOrWhiteSpace(d.Name)) problems.Add(new(at + ".name", "the day's name, e.g. \"Tết Nguyên đán (mùng 1)\""));
            else if (d.Name.Length > MaxName) problems.Add(new(at + ".name", string.Create(CultureInfo.InvariantCulture, $"at most {MaxName} characters")));
        }
        return seen;
    }
}
