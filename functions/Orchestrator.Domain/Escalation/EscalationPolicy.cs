using System.Text.Json.Serialization;
using Orchestrator.Domain.Directives;

namespace Orchestrator.Domain.Escalation;

/// <summary>
/// When reminders and escalations happen relative to a due date. Every number is configurable;
/// the defaults are the team's policy. A plan freezes the policy it was made with (serialise this
/// record with System.Text.Json into the orchestration input).
/// </summary>
public sealed record EscalationPolicy
{
    /// <summary>Reminder this many calendar days before the due date (moved back to a working day).</summary>
    public int ReminderDaysBefore { get; init; } = 14;
    /// <summary>Reminder this many working days before the due date.</summary>
    public int ReminderWorkingDaysBefore { get; init; } = 3;
    /// <summary>Level 1 (focal point, coordinators in copy): this many working days after the due date.</summary>
    public int Level1WorkingDaysAfterDue { get; init; } = 1;
    /// <summary>Level 2 (the agency's leadership): calendar days after level 1.</summary>
    public int Level2DaysAfterLevel1 { get; init; } = 7;
    /// <summary>Level 3 (the tracking office / standing body): calendar days after level 2.</summary>
    public int Level3DaysAfterLevel2 { get; init; } = 14;
    /// <summary>Level 3 is repeated every this many calendar days ...</summary>
    public int Level3RepeatEveryDays { get; init; } = 14;
    /// <summary>... at most this many times.</summary>
    public int Level3MaxRepeats { get; init; } = 3;
    /// <summary>Local time (Asia/Ho_Chi_Minh) at which every step fires: start of the working day.</summary>
    public TimeOnly FireAtLocal { get; init; } = new(8, 0);
    /// <summary>Move escalations that land on a weekend or holiday to the next working day
    /// (nobody reads a notice on Tết; reminders move to the previous working day instead).</summary>
    public bool EscalateOnWorkingDaysOnly { get; init; } = true;

    /// <summary>Items without a due date get a request for a progress report every this many months
    /// (<see cref="EscalationPlanner.PlanCheckIns"/>). Null: <see cref="DefaultCheckInEveryMonths"/>. Left
    /// out of the JSON when null, so a policy posted or stored before check-ins existed keeps its text
    /// (and its directive's content hash).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CheckInEveryMonths { get; init; }
    /// <summary>After this many check-ins with no progress report, level 1 goes to the lead's focal
    /// point. Null: <see cref="DefaultCheckInsBeforeEscalation"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CheckInsBeforeEscalation { get; init; }

    public const int DefaultCheckInEveryMonths = 1;
    public const int DefaultCheckInsBeforeEscalation = 3;

    /// <summary>The team's policy, check-in numbers included (what the settings give when unset).</summary>
    public static EscalationPolicy Default { get; } = new()
    {
        CheckInEveryMonths = DefaultCheckInEveryMonths,
        CheckInsBeforeEscalation = DefaultCheckInsBeforeEscalation,
    };

    /// <summary>The check-in ranges, inclusive (at most two years between check-ins, a year of them before level 1).</summary>
    public static IReadOnlyList<(string Field, int Min, int Max)> CheckInRanges { get; } =
    [
        ("checkInEveryMonths", 1, 24),
        ("checkInsBeforeEscalation", 1, 12),
    ];

    /// <summary>
    /// The range of every number, inclusive. The bounds keep a plan small (at most 3 + 20 escalation
    /// steps) and its dates near the due date: a zero interval with a million repeats would plan a
    /// million timers.
    /// </summary>
    public static IReadOnlyList<(string Field, int Min, int Max)> Ranges { get; } =
    [
        ("reminderDaysBefore", 0, 365),
        ("reminderWorkingDaysBefore", 0, 60),
        ("level1WorkingDaysAfterDue", 1, 60),
        ("level2DaysAfterLevel1", 0, 365),
        ("level3DaysAfterLevel2", 0, 365),
        ("level3RepeatEveryDays", 1, 365),
        ("level3MaxRepeats", 0, 20),
    ];

    /// <summary>Every number outside its range, by its JSON field name (used at import and for the configured default).</summary>
    public IReadOnlyList<ValidationProblem> Validate()
    {
        int[] values = [ReminderDaysBefore, ReminderWorkingDaysBefore, Level1WorkingDaysAfterDue, Level2DaysAfterLevel1,
            Level3DaysAfterLevel2, Level3RepeatEveryDays, Level3MaxRepeats];
        return Ranges.Zip(values)
            .Where(p => p.Second < p.First.Min || p.Second > p.First.Max)
            .Concat(CheckInRanges.Zip([CheckInEveryMonths, CheckInsBeforeEscalation])
                .Where(p => p.Second is { } v && (v < p.First.Min || v > p.First.Max))
                .Select(p => (p.First, Second: p.Second!.Value)))
            .Select(p => new ValidationProblem(p.First.Field, ProblemCodes.OutOfRange,
                $"a whole number from {p.First.Min} to {p.First.Max}; got {p.Second}"))
            .ToList();
    }
}
