using System.Collections.Concurrent;
using System.Text.Json;
using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Calendar;

/// <summary>
/// Working days of Vietnamese state agencies: Monday–Friday, minus public holidays and
/// compensatory/swapped days off, plus the weekend days worked in a swap. Every year from
/// <see cref="FirstYear"/> to <see cref="LastYear"/> is known: a year with a schedule the Government
/// decided (data, "official") uses it; every other year is computed by rule
/// (<see cref="ExpectedHolidays"/>, "expected"). Only a date outside that range throws
/// <see cref="CalendarYearMissingException"/>. The decided years can be replaced at run time
/// (<see cref="Replace"/>, the stored schedule): each lookup sees one set or the other, never a mix
/// (a walk over several days that straddles a reload may see both; the re-plan that follows a load corrects it).
/// </summary>
public sealed class WorkingDayCalendar
{
    public const int FirstYear = 2000;
    public const int LastYear = 2099;

    /// <summary>Expected years are pure functions of the year: computed once per process, shared.</summary>
    private static readonly ConcurrentDictionary<int, YearDays> Expected = new();

    private readonly IReadOnlyList<HolidayYear> _builtIn;
    private volatile Snapshot _decided;

    public WorkingDayCalendar(IEnumerable<HolidayYear> years)
    {
        _builtIn = years.ToList();
        _decided = Build(_builtIn);
    }

    /// <summary>The years whose schedule is data (built in or loaded), not computed.</summary>
    public IReadOnlyCollection<int> DecidedYears => _decided.Years.Keys;

    /// <summary>True for a year from <see cref="FirstYear"/> to <see cref="LastYear"/>.</summary>
    public static bool Covers(int year) => year is >= FirstYear and <= LastYear;

    /// <summary>The schedule of <paramref name="year"/>: the decided one, or the one computed by rule.</summary>
    public HolidayYear YearData(int year) => Days(year).Year;

    /// <summary>True when <paramref name="day"/> falls in a year no decided schedule covers: its
    /// working days are computed by rule and may move when the Government decides.</summary>
    public bool IsExpected(DateOnly day) => Days(day.Year).IsExpected;

    public bool IsWorkingDay(DateOnly day)
    {
        var year = Days(day.Year);
        if (year.Worked.ContainsKey(day)) return true;
        if (year.Off.ContainsKey(day)) return false;
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The holiday name if <paramref name="day"/> is a listed day off, otherwise null.</summary>
    public string? HolidayName(DateOnly day) => Days(day.Year).Off.GetValueOrDefault(day);

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

    /// <summary>
    /// Makes <paramref name="stored"/> the decided years on top of the built-in ones (a stored year
    /// replaces the built-in year of the same number). Each year is checked first
    /// (<see cref="HolidayYearRules"/>); a bad one throws <see cref="InvalidDataException"/> and
    /// nothing changes.
    /// </summary>
    public void Replace(IEnumerable<HolidayYear> stored) => _decided = Build(_builtIn.Concat(stored));

    private YearDays Days(int year)
    {
        if (!Covers(year)) throw new CalendarYearMissingException(year);
        return _decided.Years.TryGetValue(year, out var decided)
            ? decided
            : Expected.GetOrAdd(year, y => YearDays.Of(ExpectedHolidays.For(y), isExpected: true));
    }

    private static Snapshot Build(IEnumerable<HolidayYear> years)
    {
        var byYear = new Dictionary<int, YearDays>();
        foreach (var y in years)
        {
            var problems = HolidayYearRules.Check(y);
            if (problems.Count > 0) throw new InvalidDataException($"Schedule {y.Year}: {problems[0].Field}: expected {problems[0].Expected}.");
            // A later source (stored, configured) replaces an earlier (embedded) year.
            byYear[y.Year] = YearDays.Of(y, isExpected: string.Equals(y.Status, ExpectedHolidays.Status, StringComparison.OrdinalIgnoreCase));
        }
        return new Snapshot(byYear);
    }

    private sealed record Snapshot(Dictionary<int, YearDays> Years);

    private sealed record YearDays(HolidayYear Year, bool IsExpected, Dictionary<DateOnly, string> Off, Dictionary<DateOnly, string> Worked)
    {
        public static YearDays Of(HolidayYear y, bool isExpected) =>
            new(y, isExpected,
                y.Holidays.GroupBy(d => d.Date).ToDictionary(g => g.Key, g => g.First().Name),
                y.WorkingWeekendDays.GroupBy(d => d.Date).ToDictionary(g => g.Key, g => g.First().Name));
    }

    // ---- loading ----

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The embedded decided schedules (Calendar/Data/*.json); every other year by rule.</summary>
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

    /// <summary>The schedules built into this version (the decided years it was released with).</summary>
    public static IReadOnlyList<HolidayYear> LoadEmbedded()
    {
        var asm = typeof(WorkingDayCalendar).Assembly;
        const string prefix = "Orchestrator.Domain.Calendar.";
        return asm.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order()
            .Select(name => Parse(EmbeddedText.Read(asm, name), name)).ToList();
    }
}
