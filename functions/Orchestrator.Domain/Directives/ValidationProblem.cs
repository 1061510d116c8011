namespace Orchestrator.Domain.Directives;

/// <summary>One problem in a directive: where (<see cref="Path"/>, e.g. "items[4].lead"), what kind
/// (<see cref="Code"/>), and what was expected.</summary>
public sealed record ValidationProblem(string Path, string Code, string Message)
{
    public override string ToString() => $"{Path}: {Message} [{Code}]";
}

public static class ProblemCodes
{
    public const string Json = "invalid-json";
    public const string Required = "required";
    public const string UnknownAgency = "unknown-agency";
    public const string LeadNotAnAgency = "lead-not-an-agency";
    public const string DuplicateLabel = "duplicate-label";
    public const string UnreadableDeadline = "unreadable-deadline";
    public const string ExplicitDateBeforeIssue = "explicit-date-before-issue";
    public const string ExplicitDateWithoutReason = "explicit-date-without-reason";
    public const string MilestoneBeforeIssue = "milestone-before-issue";
    /// <summary>A date outside the working-day calendar's years (2000–2099); every year inside is known.</summary>
    public const string CalendarYearMissing = "calendar-year-missing";
    public const string OutOfRange = "out-of-range";
    public const string InvalidId = "invalid-id";
    public const string InvalidText = "invalid-text";
    public const string LeadsAndLead = "leads-and-lead";
    public const string DueAfterWithDate = "due-after-conflict";
    public const string UnknownItem = "unknown-item";
    public const string LinkLoop = "link-loop";
}

public sealed class DirectiveValidationException(IReadOnlyList<ValidationProblem> problems)
    : Exception($"The directive has {problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}")
{
    public IReadOnlyList<ValidationProblem> Problems { get; } = problems;
}
