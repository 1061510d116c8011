using System.Text.Json;
using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Calendar;

/// <summary>
/// Working days of Vietnamese state agencies: Monday–Friday, minus public holidays and
/// compensatory/swapped days off, plus the weekend days worked in a swap. Every question about a
/// date in a year without data throws <see cref="CalendarYearMissingException"/>.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<int, HolidayYear> _years;
    private readonly Dictionary<DateOnly, string> _daysOff = new();
    private readonly Dictionary<DateOnly, string> _workedWeekendDays = new();

    public WorkingDayCalendar(IEnumerable<HolidayYear> years)
    {
        _years = new Dictionary<int, HolidayYear>();
        foreach (var y in years)
        {
            _years[y.Year] = y; // a later source (configuration) replaces an embedded year
        }
        foreach (var y in _years.Values)
        {
            foreach (var d in y.Holidays)
            {
                if (d.Date.Year != y.Year) throw new InvalidDataException($"Holiday {d.Date:yyyy-MM-dd} is listed under year {y.Year}.");
                _daysOff[d.Date] = d.Name;
            }
            foreach (var d in y.WorkingWeekendDays)
            {
                if (d.Date.Year != y.Year) throw new InvalidDataException($"Working day {d.Date:yyyy-MM-dd} is listed under year {y.Year}.");
                _workedWeekendDays[d.Date] = d.Name;
            }
        }
    }

    public IReadOnlyCollection<int> Years => _years.Keys;

    public HolidayYear YearData(int year) =>
        _years.TryGetValue(year, out var y) ? y : throw new CalendarYearMissingException(year, _years.Keys);

    public bool IsWorkingDay(DateOnly day)
    {
        EnsureYear(day.Year);
        if (_workedWeekendDays.ContainsKey(day)) return true;
        if (_daysOff.ContainsKey(day)) return false;
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The holiday name if <paramref name="day"/> is a listed day off, otherwise null.</summary>
    public string? HolidayName(DateOnly day)
    {
        EnsureYear(day.Year);
        return _daysOff.GetValueOrDefault(day);
    }

    /// <summary>Civil Code Art. 148 roll-over: the day itself if it is a working day, else the next one.</summary>
    public DateOnly OnOrNextWorkingDay(DateOnly day)
    {
        while (!IsWorkingDay(day)) day = day.AddDays(1);
        return day;
    }

    public DateOnly OnOrPreviousWorkingDay(DateOnly day)
    {
        while (!IsWorkingDay(day)) day = day.AddDays(-1);
        return day;
    }

    /// <summary>The n-th working day after <paramref name="from"/> (n &gt; 0) or before it (n &lt; 0);
    /// <paramref name="from"/> itself is never counted.</summary>
    public DateOnly AddWorkingDays(DateOnly from, int n)
    {
        var step = n >= 0 ? 1 : -1;
        var day = from;
        for (var left = Math.Abs(n); left > 0;)
        {
            day = day.AddDays(step);
            if (IsWorkingDay(day)) left--;
        }
        return day;
    }

    private void EnsureYear(int year)
    {
        if (!_years.ContainsKey(year)) throw new CalendarYearMissingException(year, _years.Keys);
    }

    // ---- loading ----

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The embedded official schedule (2023–2027).</summary>
    public static WorkingDayCalendar Default() => new(LoadEmbedded());

    /// <summary>The embedded years plus every *.json in <paramref name="extraPaths"/>
    /// (files or directories); a year in an extra file replaces the embedded one.</summary>
    public static WorkingDayCalendar WithExtraYears(params string[] extraPaths) =>
        new(LoadEmbedded().Concat(extraPaths.SelectMany(ExpandPaths).Select(LoadFile)));

    public static HolidayYear LoadFile(string path) => Parse(File.ReadAllText(path), path);

    public static HolidayYear Parse(string json, string origin) =>
        JsonSerializer.Deserialize<HolidayYear>(json, JsonOptions)
        ?? throw new InvalidDataException($"{origin}: empty holiday file.");

    private static IEnumerable<string> ExpandPaths(string path) =>
        Directory.Exists(path) ? Directory.GetFiles(path, "*.json").Order() : [path];

    private static IEnumerable<HolidayYear> LoadEmbedded()
    {
        var asm = typeof(WorkingDayCalendar).Assembly;
        const string prefix = "Orchestrator.Domain.Calendar.";
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order())
        {
            yield return Parse(EmbeddedText.Read(asm, name), name);
        }
    }
}

