using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Deadlines;

/// <summary>What a deadline phrase means, with the rule that produced it, so a tracking office can
/// defend the date. Dates are null for <see cref="DeadlineKind.None"/> and <see cref="DeadlineKind.Standing"/>.</summary>
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

    public bool IsUrgent => Kind == DeadlineKind.Urgent;
    public bool HasDueDate => DueDate is not null;

    /// <summary>24:00 Asia/Ho_Chi_Minh of <see cref="DueDate"/> (= next day 00:00 +07:00).</summary>
    public DateTimeOffset? DueEnd => DueDate is { } d ? VietnamTime.EndOfDay(d) : null;

    /// <summary>The same instant in UTC: 17:00 UTC of <see cref="DueDate"/>.</summary>
    public DateTime? DueUtc => DueEnd?.UtcDateTime;
}
