using Orchestrator.Domain.Calendar;
using static Orchestrator.Domain.Tests.TestData;

namespace Orchestrator.Domain.Tests;

/// <summary>The rule for years without a decided schedule (Labour Code 2019 Art. 112), and the
/// deadlines that run into those years (issue 21's "done when").</summary>
public class ExpectedHolidaysTests
{
    private static List<string> Off(int year) =>
        ExpectedHolidays.For(year).Holidays.Select(h => h.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public void The_rule_gives_the_schedule_once_expected_for_2027()
    {
        // The days of the former Data/2027.json, written by hand from the same rule before this one
        // existed: Tết Fri 5 – Tue 9 Feb with two compensating days, 1 May (Sat) compensated Mon 3 May,
        // 2 Sep (Thu) with 3 Sep.
        Assert.Equal(
            ["2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11",
             "2027-04-16", "2027-04-30", "2027-05-01", "2027-05-03", "2027-09-02", "2027-09-03"],
            Off(2027));
        // The old file called 5 Feb "30 Tết", but tháng Chạp of Bính Ngọ starts 8 Jan 2027 and has 29 days.
        Assert.Equal("Tết Nguyên đán (29 Tết)", ExpectedHolidays.For(2027).Holidays[1].Name);
    }

    [Fact]
    public void A_weekend_holiday_is_compensated_on_the_next_free_weekday()
    {
        // 2028: 1 Jan is a Saturday → Mon 3 Jan. 30 Apr (Sun) → Tue 2 May, after 1 May (Mon).
        var y = ExpectedHolidays.For(2028).Holidays;
        Assert.Contains(y, h => h.Date == new DateOnly(2028, 1, 3) && h.Name == "Tết Dương lịch (nghỉ bù)");
        Assert.Contains(y, h => h.Date == new DateOnly(2028, 5, 2) && h.Name == "Ngày Chiến thắng (nghỉ bù)");
        // 2/9/2028 is a Saturday: the adjacent day is Fri 1/9 and the Saturday is compensated Mon 4/9.
        Assert.Contains(y, h => h.Date == new DateOnly(2028, 9, 1));
        Assert.Contains(y, h => h.Date == new DateOnly(2028, 9, 4) && h.Name == "Quốc khánh (nghỉ bù)");
    }

    [Fact]
    public void The_rule_matches_the_decided_Tet_of_2026()
    {
        // Decided: Mon 16 – Fri 20 Feb 2026 (29 Tết to mùng 4), no weekend day among them.
        var tet = ExpectedHolidays.For(2026).Holidays.Where(h => h.Name.StartsWith("Tết Nguyên đán", StringComparison.Ordinal)).Select(h => h.Date);
        Assert.Equal(Days.YearData(2026).Holidays.Where(h => h.Name.StartsWith("Tết Nguyên đán", StringComparison.Ordinal)).Select(h => h.Date), tet);
    }

    [Fact]
    public void A_year_of_2028_rolls_over_the_new_year_holiday_and_names_it()
    {
        var r = Interpreter.Interpret("hoàn thành trong năm 2028", new DateOnly(2025, 1, 24));
        Assert.Equal(new DateOnly(2028, 12, 31), r.WordsDate);
        Assert.Equal(new DateOnly(2029, 1, 2), r.DueDate);
        Assert.Contains("31/12/2028 is not a working day (Sunday)", r.Rule);
        Assert.Contains("01/01/2029 is not a working day (Tết Dương lịch, expected)", r.Rule);
        Assert.Contains("→ rolled over to the next working day 02/01/2029", r.Rule);
        Assert.Contains("2029 has no decided holiday schedule yet", r.Rule);
    }

    [Fact]
    public void A_last_day_on_Gio_To_of_an_expected_year_rolls_past_it()
    {
        // 10/3 lunar 2029 = Mon 23 Apr 2029.
        var gioTo = VietnameseLunarCalendar.Date(2029, 3, 10);
        Assert.Equal(new DateOnly(2029, 4, 23), gioTo);
        var r = Interpreter.Interpret("ngày 23/4/2029", new DateOnly(2025, 1, 24));
        Assert.Equal(new DateOnly(2029, 4, 24), r.DueDate);
        Assert.Contains("Giỗ Tổ Hùng Vương", r.Rule);
    }

    [Fact]
    public void A_last_day_on_the_first_day_of_Tet_of_an_expected_year_rolls_past_the_break()
    {
        // Mùng 1 Tết 2029 = Tue 13 Feb: 29 Tết Mon 12 to mùng 4 Fri 16 off, then the weekend.
        var r = Interpreter.Interpret("ngày 13/02/2029", new DateOnly(2025, 1, 24));
        Assert.Equal(new DateOnly(2029, 2, 19), r.DueDate);
        Assert.Contains("13/02/2029 is not a working day (Tết Nguyên đán (mùng 1), expected)", r.Rule);
    }

    [Fact]
    public void A_loaded_schedule_replaces_the_expected_year()
    {
        var calendar = WorkingDayCalendar.Default();
        Assert.True(calendar.IsExpected(new DateOnly(2028, 3, 1)));
        var decided = ExpectedHolidays.For(2028) with
        {
            Status = "official", Source = "test decision",
            Holidays = [.. ExpectedHolidays.For(2028).Holidays, new CalendarDay(new DateOnly(2028, 3, 1), "test day off")],
        };
        calendar.Replace([decided]);
        Assert.False(calendar.IsExpected(new DateOnly(2028, 3, 1)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2028, 3, 1)));
        Assert.Contains(2028, calendar.DecidedYears);
        Assert.Contains(2025, calendar.DecidedYears); // built-in years stay
        // The shared default calendar is not touched.
        Assert.True(Days.IsWorkingDay(new DateOnly(2028, 3, 1)));
    }

    [Fact]
    public void A_bad_schedule_names_the_field_and_what_was_expected()
    {
        var y = ExpectedHolidays.For(2028) with
        {
            Status = "draft",
            Holidays = [new CalendarDay(new DateOnly(2029, 1, 1), "wrong year")],
            WorkingWeekendDays = [new CalendarDay(new DateOnly(2028, 1, 4), "a Tuesday")],
        };
        var problems = HolidayYearRules.Check(y, decidedOnly: true);
        Assert.Contains(problems, p => p.Field == "status" && p.Expected == "\"official\" or \"announced\"");
        Assert.Contains(problems, p => p.Field == "holidays[0].date" && p.Expected.Contains("2028", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Field == "workingWeekendDays[0].date" && p.Expected.Contains("Saturday or Sunday", StringComparison.Ordinal));
        Assert.Equal("year", Assert.Single(HolidayYearRules.Check(y with { Year = 2100, Status = "official" }, decidedOnly: true)).Field);
        // A truncated file: the fixed holidays of Art. 112 are missing.
        var truncated = ExpectedHolidays.For(2028) with { Status = "official", Holidays = ExpectedHolidays.For(2028).Holidays.Take(3).ToList() };
        Assert.Contains(HolidayYearRules.Check(truncated, decidedOnly: true), p => p.Field == "holidays" && p.Expected.Contains("02/09/2028", StringComparison.Ordinal));
    }
}
