using System.Globalization;

namespace Orchestrator.Domain.Calendar;

/// <summary>
/// The public holidays of a year the Government has not decided yet, by the Labour Code 2019
/// Art. 112 as state agencies (Monday–Friday) observe it. The rule chosen, and why:
/// <list type="bullet">
/// <item>1 January; 30 April; 1 May.</item>
/// <item>Tết: the last day of the lunar year (29 or 30 tháng Chạp) and mùng 1–4, five days (the
/// pattern of the decided years 2025–2026).</item>
/// <item>Hùng Kings' day: 10/3 lunar.</item>
/// <item>2 September with one adjacent day: 3 September when the 2nd is a Monday or a Thursday (so the
/// days off join a weekend, as decided for 2024), else 1 September (as decided for 2022, 2023, 2025, 2026).</item>
/// <item>Art. 112(3): each holiday on a Saturday or Sunday gives a compensating day off ("nghỉ bù")
/// on the next weekday that is neither a holiday nor already a compensating day, in date order.</item>
/// </list>
/// Swaps of working days ("hoán đổi") are decided case by case and never guessed: an expected year
/// has none.
/// </summary>
public static class ExpectedHolidays
{
    public const string Status = "expected";

    public static HolidayYear For(int year)
    {
        var days = new SortedDictionary<DateOnly, string>();
        void Add(DateOnly d, string name) => days.TryAdd(d, name);

        Add(new DateOnly(year, 1, 1), "Tết Dương lịch");
        var tet = VietnameseLunarCalendar.NewYear(year);
        var eve = tet.AddDays(-1);
        Add(eve, string.Create(CultureInfo.InvariantCulture, $"Tết Nguyên đán ({LunarDayOfEve(tet)} Tết)"));
        for (var i = 0; i < 4; i++) Add(tet.AddDays(i), $"Tết Nguyên đán (mùng {i + 1})");
        Add(VietnameseLunarCalendar.Date(year, 3, 10), "Giỗ Tổ Hùng Vương (10/3 âm lịch)");
        Add(new DateOnly(year, 4, 30), "Ngày Chiến thắng");
        Add(new DateOnly(year, 5, 1), "Ngày Quốc tế lao động");
        var national = new DateOnly(year, 9, 2);
        Add(national, "Quốc khánh");
        Add(national.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Thursday ? national.AddDays(1) : national.AddDays(-1), "Quốc khánh (ngày liền kề)");

        var compensating = new SortedDictionary<DateOnly, string>();
        foreach (var (day, name) in days.Where(d => IsWeekend(d.Key)).ToList())
        {
            var c = day.AddDays(1);
            while (IsWeekend(c) || days.ContainsKey(c) || compensating.ContainsKey(c)) c = c.AddDays(1);
            compensating[c] = BaseName(name) + " (nghỉ bù)";
        }
        var holidays = days.Concat(compensating)
            .Where(d => d.Key.Year == year) // a compensating day never leaves December in practice; kept to the year anyway
            .OrderBy(d => d.Key)
            .Select(d => new CalendarDay(d.Key, d.Value)).ToList();
        return new HolidayYear
        {
            Year = year,
            Status = Status,
            Source = string.Create(CultureInfo.InvariantCulture, $"Expected, computed by rule (Labour Code 2019 Art. 112; Vietnamese lunar calendar at UTC+7): Tết {tet:dd/MM/yyyy}, " +
                     $"Giỗ Tổ {VietnameseLunarCalendar.Date(year, 3, 10):dd/MM/yyyy}; no swapped working day. Replaced by the official schedule once it is loaded."),
            Holidays = holidays,
            WorkingWeekendDays = [],
        };
    }

    /// <summary>29 or 30: the last lunar month of the year has 29 or 30 days.</summary>
    private static int LunarDayOfEve(DateOnly tet)
    {
        var months = VietnameseLunarCalendar.MonthsAround(tet.Year);
        var index = months.ToList().FindIndex(m => m.Start == tet);
        return months[index].Start.DayNumber - months[index - 1].Start.DayNumber;
    }

    private static bool IsWeekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static string BaseName(string name)
    {
        var paren = name.IndexOf(" (", StringComparison.Ordinal);
        return paren < 0 ? name : name[..paren];
    }
}
