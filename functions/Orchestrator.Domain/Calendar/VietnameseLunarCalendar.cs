namespace Orchestrator.Domain.Calendar;

/// <summary>
/// The Vietnamese lunar calendar (âm lịch), computed astronomically at UTC+7 as described by
/// Hồ Ngọc Đức ("Computing the Vietnamese lunar calendar") after Jean Meeus' "Astronomical
/// Algorithms": a month starts on the local day of a new moon; month 11 is the month holding the
/// winter solstice; in a year of 13 months (two month-11 starts more than 365 days apart) the first
/// month after month 11 in which the sun enters no new 30° sector of longitude (no major solar term)
/// is the leap month and repeats the number of the month before it. The time zone matters: the
/// Chinese calendar, computed at UTC+8, puts some new moons on another day (Tết 2007: 17 February
/// here, 18 February in China). Pure arithmetic: the same year always gives the same dates.
/// </summary>
public static class VietnameseLunarCalendar
{
    /// <summary>Hours east of Greenwich the calendar is kept in (Asia/Ho_Chi_Minh).</summary>
    public const double TimeZoneHours = 7.0;

    private const double SynodicMonth = 29.530588853;
    /// <summary>Julian day of the new moon of 1 January 1900 (Meeus' origin for k = 0).</summary>
    private const double NewMoonEpoch = 2415021.076998695;
    /// <summary>Julian day number of 1 January of year 1 (DateOnly.DayNumber 0).</summary>
    private const int JulianDayOfDayNumberZero = 1721426;

    /// <summary>Mùng 1 Tết: the first day of the lunar year that starts early in Gregorian <paramref name="year"/>.</summary>
    public static DateOnly NewYear(int year) => MonthStart(year, 1);

    /// <summary>The Gregorian date of <paramref name="day"/> of the (not leap) lunar <paramref name="month"/>
    /// of the lunar year whose Tết falls in Gregorian <paramref name="year"/>.</summary>
    public static DateOnly Date(int year, int month, int day)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(day, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(day, 30);
        var start = MonthStart(year, month);
        var date = start.AddDays(day - 1);
        if (day == 30 && NextMonthStart(year, month) <= date)
            throw new ArgumentOutOfRangeException(nameof(day), $"Lunar month {month} of {year} has 29 days.");
        return date;
    }

    /// <summary>The lunar months from month 11 before Tết of <paramref name="year"/> to the month 11
    /// after it: each with its number, whether it is the leap month, and its first day.</summary>
    public static IReadOnlyList<LunarMonth> MonthsAround(int year)
    {
        var from = Month11Start(year - 1);
        var to = Month11Start(year);
        var k = (int)Math.Floor((from.JulianDay() - NewMoonEpoch) / SynodicMonth + 0.5);
        var starts = new List<int>();
        for (var i = 0; ; i++)
        {
            var day = NewMoonDay(k + i);
            if (day > to.JulianDay()) break;
            starts.Add(day);
        }
        // starts[0] is month 11, starts[^1] the next month 11; 13 or 14 starts.
        var leapIndex = -1;
        if (starts.Count == 14)
        {
            for (var i = 1; i < starts.Count - 1; i++)
            {
                if (SunSector(starts[i]) == SunSector(starts[i + 1])) { leapIndex = i; break; }
            }
        }
        var months = new List<LunarMonth>();
        var number = 11;
        for (var i = 0; i < starts.Count; i++)
        {
            var leap = i == leapIndex;
            if (i > 0 && !leap) number = number % 12 + 1;
            months.Add(new LunarMonth(number, leap, FromJulianDay(starts[i])));
        }
        return months;
    }

    private static DateOnly MonthStart(int year, int month)
    {
        var months = MonthsAround(year);
        // Months 11 and 12 before Tết come first: the first month 1 found is this year's.
        var firstOne = months.ToList().FindIndex(m => m.Number == 1 && !m.IsLeap);
        var found = months.Skip(firstOne).First(m => m.Number == month && !m.IsLeap);
        return found.Start;
    }

    private static DateOnly NextMonthStart(int year, int month)
    {
        var months = MonthsAround(year);
        var firstOne = months.ToList().FindIndex(m => m.Number == 1 && !m.IsLeap);
        var list = months.Skip(firstOne).ToList();
        var at = list.FindIndex(m => m.Number == month && !m.IsLeap);
        return list[at + 1].Start;
    }

    /// <summary>The first day of the month 11 (the month of the winter solstice) of lunar year
    /// <paramref name="year"/>, which falls late in Gregorian <paramref name="year"/>.</summary>
    private static DateOnly Month11Start(int year)
    {
        var lastDay = new DateOnly(year, 12, 31).JulianDay();
        var k = (int)Math.Floor((lastDay - 2415021) / SynodicMonth);
        var start = NewMoonDay(k);
        // A new moon after the sun reached 270° (sector 9 onwards) starts the month after the
        // solstice's: the solstice's month began one lunation before.
        if (SunSector(start) >= 9) start = NewMoonDay(k - 1);
        return FromJulianDay(start);
    }

    /// <summary>The local day (Julian day number at UTC+7) of the k-th new moon after 1 January 1900.</summary>
    private static int NewMoonDay(int k) => (int)Math.Floor(NewMoonJulian(k) + 0.5 + TimeZoneHours / 24);

    /// <summary>The instant (Julian day, UT) of the k-th mean new moon corrected by the main
    /// periodic terms of the sun's and moon's anomalies and the moon's argument of latitude
    /// (Meeus, ch. "Phases of the Moon", the older short series Hồ Ngọc Đức uses).</summary>
    private static double NewMoonJulian(int k)
    {
        var t = k / 1236.85; // Julian centuries from 1900
        var t2 = t * t;
        var t3 = t2 * t;
        var mean = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
                   + 0.00033 * Sin(166.56 + 132.87 * t - 0.009173 * t2);
        var sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
        var moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
        var latitude = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
        var correction = (0.1734 - 0.000393 * t) * Sin(sunAnomaly) + 0.0021 * Sin(2 * sunAnomaly)
                         - 0.4068 * Sin(moonAnomaly) + 0.0161 * Sin(2 * moonAnomaly) - 0.0004 * Sin(3 * moonAnomaly)
                         + 0.0104 * Sin(2 * latitude) - 0.0051 * Sin(sunAnomaly + moonAnomaly)
                         - 0.0074 * Sin(sunAnomaly - moonAnomaly) + 0.0004 * Sin(2 * latitude + sunAnomaly)
                         - 0.0004 * Sin(2 * latitude - sunAnomaly) - 0.0006 * Sin(2 * latitude + moonAnomaly)
                         + 0.0010 * Sin(2 * latitude - moonAnomaly) + 0.0005 * Sin(2 * moonAnomaly + sunAnomaly);
        // Ephemeris time runs ahead of universal time (ΔT), in days.
        var deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return mean + correction - deltaT;
    }

    /// <summary>Which of the twelve 30° sectors the sun's apparent longitude is in at the start
    /// (local midnight, UTC+7) of local day <paramref name="julianDayNumber"/>: 0 = from the spring
    /// equinox, 9 = from the winter solstice.</summary>
    private static int SunSector(int julianDayNumber) =>
        (int)Math.Floor(SunLongitude(julianDayNumber - 0.5 - TimeZoneHours / 24) / 30.0);

    /// <summary>The sun's apparent longitude in degrees [0, 360) at Julian day <paramref name="jd"/>
    /// (Meeus, low-accuracy solar coordinates: mean longitude plus the equation of the centre).</summary>
    private static double SunLongitude(double jd)
    {
        var t = (jd - 2451545.0) / 36525; // Julian centuries from J2000
        var t2 = t * t;
        var anomaly = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        var meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        var centre = (1.914600 - 0.004817 * t - 0.000014 * t2) * Sin(anomaly)
                     + (0.019993 - 0.000101 * t) * Sin(2 * anomaly) + 0.000290 * Sin(3 * anomaly);
        var longitude = (meanLongitude + centre) % 360.0;
        return longitude < 0 ? longitude + 360.0 : longitude;
    }

    private static double Sin(double degrees) => Math.Sin(degrees * Math.PI / 180.0);

    private static int JulianDay(this DateOnly date) => date.DayNumber + JulianDayOfDayNumberZero;

    private static DateOnly FromJulianDay(int jdn) => DateOnly.FromDayNumber(jdn - JulianDayOfDayNumberZero);
}

/// <summary>One lunar month: its number (1–12), whether it is the year's leap month ("tháng nhuận"),
/// and its first day.</summary>
public sealed record LunarMonth(int Number, bool IsLeap, DateOnly Start);
