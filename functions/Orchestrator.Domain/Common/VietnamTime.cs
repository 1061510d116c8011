namespace Orchestrator.Domain.Common;

/// <summary>
/// Local time in Vietnam. Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975,
/// so a fixed offset is exact and keeps the domain independent of the host's tz database.
/// </summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>24:00 local of <paramref name="day"/>, i.e. 00:00 +07:00 of the next day.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) =>
        new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Offset);

    public static DateTimeOffset At(DateOnly day, TimeOnly time) =>
        new(day.ToDateTime(time), Offset);

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(Offset).DateTime);
}
