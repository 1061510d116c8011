namespace Orchestrator.Domain.Deadlines;

/// <summary>Choices the law leaves open; configurable per deployment.</summary>
public sealed record DeadlineOptions
{
    /// <summary>Working days after the issue date implied by "khẩn trương", "ngay", "gấp".
    /// No official reading exists (BRIEF §2); 5 working days (one working week) is our default.</summary>
    public int UrgentWorkingDays { get; init; } = 5;
}
