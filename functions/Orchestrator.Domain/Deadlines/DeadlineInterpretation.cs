using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Deadlines;

/// <summary>What a deadline phrase means, with the rule that produced it, so a tracking office can
/// defend the date. Dates are null for <see cref="DeadlineKind.None"/>, <see cref="DeadlineKind.Standing"/>
/// and <see cref="DeadlineKind.Recurring"/>.</summary>
public sealed record DeadlineInterpretation
{
    public required string Phrase { get; init; }
    public required DeadlineKind Kind { get; init; }
    /// <summary>The last day by the words (or the implied day for urgent phrases).</summary>
    public DateOnly? WordsDate { get; init; }
    /// <summary>The last day after rolling a weekend or holiday forward to the next working day.</summary>
    public DateOnly? DueDate { get; init; }
    public bool RolledOver { get; init; }
    public required string Rule { get; init; }

    /// <summary>Urgent by its words: an urgent phrase ("khẩn trương"), or an urgency word kept beside a
    /// date ("Khẩn trương ... trước ngày 15/3/2025": a date AND urgent).</summary>
    public bool IsUrgent
    {
        get => _urgent || Kind == DeadlineKind.Urgent;
        init => _urgent = value;
    }
    private readonly bool _urgent;

    /// <summary>For <see cref="DeadlineKind.Recurring"/>: the period in months (1, 3, 6, 12, 24 ...).</summary>
    public int? RecurrenceMonths { get; init; }
    public bool HasDueDate => DueDate is not null;

    /// <summary>24:00 Asia/Ho_Chi_Minh of <see cref="DueDate"/> (= next day 00:00 +07:00).</summary>
    public DateTimeOffset? DueEnd => DueDate is { } d ? VietnamTime.EndOfDay(d) : null;

    /// <summary>The same instant in UTC: 17:00 UTC of <see cref="DueDate"/>.</summary>
    public DateTime? DueUtc => DueEnd?.UtcDateTime;
}
