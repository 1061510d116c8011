using Orchestrator.Domain.Common;

namespace Orchestrator.Workflows.Items;

/// <summary>
/// How an item's calendar maps onto real time, frozen in its input. Normally a step fires at its
/// own instant. A demo or a test can shift the directive's dates (<see cref="ShiftDays"/>) and
/// compress time: from <see cref="OriginUtc"/> (which stands for 00:00 of <see cref="OriginDate"/>
/// in Vietnam), one day of the plan lasts <see cref="SecondsPerDay"/> seconds. This is a property
/// of the input, never a fake clock: the orchestration still uses its own clock.
/// </summary>
public sealed record TimeScale(int ShiftDays = 0, double? SecondsPerDay = null, DateTimeOffset? OriginUtc = null,
    DateOnly? OriginDate = null)
{
    public static TimeScale RealTime { get; } = new();

    public bool IsCompressed => SecondsPerDay is > 0 && OriginUtc is not null && OriginDate is not null;

    /// <summary>The real instant at which something planned for <paramref name="planned"/> happens.</summary>
    public DateTimeOffset ToReal(DateTimeOffset planned)
    {
        if (!IsCompressed) return planned;
        var originPlanned = VietnamTime.At(OriginDate!.Value, TimeOnly.MinValue);
        var days = (planned - originPlanned).TotalDays;
        return OriginUtc!.Value.AddSeconds(days * SecondsPerDay!.Value);
    }

    /// <summary>The planned calendar day that a real instant stands for (for "today" in notices).</summary>
    public DateOnly PlannedDay(DateTimeOffset real)
    {
        if (!IsCompressed) return VietnamTime.Today(real);
        var days = (real - OriginUtc!.Value).TotalSeconds / SecondsPerDay!.Value;
        return OriginDate!.Value.AddDays((int)Math.Floor(days));
    }
}
