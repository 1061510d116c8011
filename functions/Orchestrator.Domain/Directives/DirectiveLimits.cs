namespace Orchestrator.Domain.Directives;

/// <summary>The most a directive's fields may hold (characters), and the dates it may name: enough for
/// any real document, far below what storage takes (docs/http-api.md, "Limits").</summary>
public static class DirectiveLimits
{
    /// <summary>Agency names, issuer, place, signer, recipients.</summary>
    public const int Name = 300;
    public const int Subject = 2000;
    public const int TaskText = 8000;
    public const int Phrase = 500;
    /// <summary>Reasons and descriptions.</summary>
    public const int Reason = 4000;
    /// <summary>Recipients, coordinating agencies, milestones or transfers of one item.</summary>
    public const int ListCount = 100;
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDate = new(2099, 12, 31);

    /// <summary>Dates far outside these years only come from typing errors, and would overflow date arithmetic.</summary>
    public static bool IsInRange(DateOnly date) => date >= EarliestDate && date <= LatestDate;
}
