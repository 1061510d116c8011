using Orchestrator.Domain.Calendar;
using static Orchestrator.Domain.Tests.TestData;

namespace Orchestrator.Domain.Tests;

public class WorkingDayCalendarTests
{
    /// <summary>Every weekday off of 2023–2025 (holidays, compensatory days, swapped days).</summary>
    private static readonly string[] WeekdayHolidayList =
    [
        "2023-01-02",
        "2023-01-20", "2023-01-23", "2023-01-24", "2023-01-25", "2023-01-26",
        "2023-05-01", "2023-05-02", "2023-05-03",
        "2023-09-01", "2023-09-04",
        "2024-01-01",
        "2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14",
        "2024-04-18", "2024-04-29", "2024-04-30", "2024-05-01",
        "2024-09-02", "2024-09-03",
        "2025-01-01",
        "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
        "2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02",
        "2025-09-01", "2025-09-02",
    ];

    public static TheoryData<string> WeekdayHolidays2023To2025 => new(WeekdayHolidayList);

    [Theory]
    [MemberData(nameof(WeekdayHolidays2023To2025))]
    public void Every_holiday_of_2023_to_2025_is_not_a_working_day(string day)
    {
        var d = D(day);
        Assert.InRange((int)d.DayOfWeek, 1, 5); // the table lists weekdays: a weekend would prove nothing
        Assert.False(Days.IsWorkingDay(d));
        Assert.NotNull(Days.HolidayName(d));
    }

    [Fact]
    public void The_table_is_the_whole_list_of_weekday_holidays()
    {
        var listed = WeekdayHolidayList.Select(D).ToHashSet();
        var fromData = new[] { 2023, 2024, 2025 }
            .SelectMany(y => Days.YearData(y).Holidays)
            .Select(h => h.Date)
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .ToHashSet();
        Assert.Equal(listed.Order(), fromData.Order());
    }

    [Theory]
    [InlineData("2024-05-04")] // Sat worked for Mon 29/4/2024
    [InlineData("2025-04-26")] // Sat worked for Fri 2/5/2025
    public void Swapped_weekend_days_are_working_days(string day) => Assert.True(Days.IsWorkingDay(D(day)));

    [Theory]
    [InlineData("2023-05-06")] // no swap in 2023: 29/4–3/5 were holidays plus compensatory days
    [InlineData("2023-08-19")]
    [InlineData("2024-02-10")]
    public void Ordinary_weekends_are_not_working_days(string day) => Assert.False(Days.IsWorkingDay(D(day)));

    [Theory]
    [InlineData("2023-01-19", true)]
    [InlineData("2023-01-27", true)]
    [InlineData("2024-01-02", true)]
    [InlineData("2024-05-02", true)]
    public void Days_around_holidays_are_working_days(string day, bool working) => Assert.Equal(working, Days.IsWorkingDay(D(day)));

    [Theory]
    // across Tết
    [InlineData("ngày 21/01/2023", "2023-01-27")]
    [InlineData("trước ngày 9/2/2024", "2024-02-15")]
    [InlineData("cuối tháng 1 năm 2025", "2025-02-03")]
    [InlineData("ngày 16/2/2026", "2026-02-23")]
    // across 30/4–1/5
    [InlineData("cuối tháng 4 năm 2023", "2023-05-04")]
    [InlineData("ngày 30/4/2024", "2024-05-02")]
    [InlineData("ngày 29/4/2024", "2024-05-02")]
    [InlineData("cuối tháng 4 năm 2025", "2025-05-05")]
    // across 2/9
    [InlineData("ngày 02/9/2024", "2024-09-04")]
    public void Roll_over_across_Tết_and_the_April_May_holidays(string phrase, string due)
    {
        var r = Interpreter.Interpret(phrase, new DateOnly(2023, 1, 1));
        Assert.True(r.RolledOver);
        Assert.Equal(D(due), r.DueDate);
        Assert.Contains("rolled over", r.Rule);
    }

    [Fact]
    public void Working_days_skip_holidays_and_count_swapped_saturdays()
    {
        // Fri 26/4/2024 + 1 working day: Mon 29/4, 30/4, 1/5 off; Thu 2/5.
        Assert.Equal(D("2024-05-02"), Days.AddWorkingDays(D("2024-04-26"), 1));
        // Fri 3/5/2024 + 1: Sat 4/5 is a working day.
        Assert.Equal(D("2024-05-04"), Days.AddWorkingDays(D("2024-05-03"), 1));
        Assert.Equal(D("2024-04-26"), Days.AddWorkingDays(D("2024-05-02"), -1));
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2100)]
    public void Only_a_year_outside_2000_to_2099_is_refused(int year)
    {
        var e = Assert.Throws<CalendarYearMissingException>(() => Days.IsWorkingDay(new DateOnly(year, 3, 1)));
        Assert.Equal(year, e.Year);
        Assert.Contains(year.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        Assert.Contains("2000–2099", e.Message);
    }

    [Fact]
    public void Every_decided_year_has_a_source_status_and_the_fixed_holidays()
    {
        Assert.Equal([2023, 2024, 2025, 2026], Days.DecidedYears.Order());
        foreach (var y in Days.DecidedYears)
        {
            var data = Days.YearData(y);
            Assert.Empty(HolidayYearRules.Check(data, decidedOnly: true));
            Assert.Contains(data.Status, HolidayYearRules.DecidedStatuses);
            Assert.False(Days.IsExpected(new DateOnly(y, 6, 1)));
            Assert.True(data.Holidays.Count(h => h.Name.Contains("Tết Nguyên đán")) >= 5, $"{y}: Tết");
        }
    }

    [Fact]
    public void Every_other_year_of_the_range_is_expected_and_computed()
    {
        for (var y = WorkingDayCalendar.FirstYear; y <= WorkingDayCalendar.LastYear; y++)
        {
            if (Days.DecidedYears.Contains(y)) continue;
            var data = Days.YearData(y);
            Assert.Equal("expected", data.Status);
            Assert.True(Days.IsExpected(new DateOnly(y, 6, 1)));
            Assert.Empty(HolidayYearRules.Check(data with { Status = "official" }, decidedOnly: true));
        }
    }

    [Fact]
    public void Extra_years_load_from_a_file_path()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "2028.json"), """
                { "year": 2028, "status": "expected", "source": "test",
                  "holidays": [ { "date": "2028-01-03", "name": "test holiday" } ],
                  "workingWeekendDays": [ { "date": "2028-01-08", "name": "test swap" } ] }
                """);
            var cal = WorkingDayCalendar.WithExtraYears(dir.FullName);
            Assert.False(cal.IsWorkingDay(new DateOnly(2028, 1, 3)));
            Assert.True(cal.IsWorkingDay(new DateOnly(2028, 1, 8)));
            Assert.True(cal.IsWorkingDay(new DateOnly(2028, 1, 4)));
            Assert.False(cal.IsWorkingDay(new DateOnly(2023, 1, 2))); // embedded years still there
        }
        finally { dir.Delete(true); }
    }
}
