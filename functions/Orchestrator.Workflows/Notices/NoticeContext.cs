namespace Orchestrator.Workflows.Notices;

/// <summary>Which template a notice uses (with <see cref="NoticeContext.Level"/> for escalations).</summary>
public enum NoticeKind
{
    Reminder,
    Milestone,
    Escalation,
    /// <summary>A request for a progress report on an item without a due date.</summary>
    CheckIn,
    /// <summary>A weekly digest to an agency, or the monthly report to the tracking office (not an item's notice).</summary>
    Digest,
}

/// <summary>A file sent with a notice (the monthly report's workbook).</summary>
public sealed record NoticeAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>One addressee. <see cref="DisplayName"/> is what follows "Kính gửi:" ("Bộ Tài chính",
/// "Lãnh đạo Bộ Tài chính").</summary>
public sealed record NoticeAddress(string Email, string DisplayName);

/// <summary>To and Cc of one notice (SendGrid takes at most 1,000 addresses per request).</summary>
public sealed record NoticeRecipients(IReadOnlyList<NoticeAddress> To, IReadOnlyList<NoticeAddress> Cc)
{
    public const int MaxPerRequest = 1000;

    public int Count => To.Count + Cc.Count;

    /// <summary>The recipient the action links are signed for: the first addressee.</summary>
    public NoticeAddress Primary => To.Count > 0 ? To[0] : throw new InvalidOperationException("A notice needs at least one addressee.");
}

/// <summary>
/// Everything a notice says, as plain values: rendering is a pure function of this record
/// (<see cref="NoticeTemplates.Render"/>). Build it with <see cref="NoticeComposer"/> or by hand.
/// </summary>
public sealed record NoticeContext
{
    /// <summary>"6411".</summary>
    public required string DirectiveNumber { get; init; }
    /// <summary>"VPCP-KTTH".</summary>
    public required string DirectiveCode { get; init; }
    public required DateOnly IssueDate { get; init; }
    /// <summary>The directive's "V/v ..." line as written.</summary>
    public string? DirectiveSubject { get; init; }
    /// <summary>The issuer ("Văn phòng Chính phủ").</summary>
    public string? Issuer { get; init; }
    /// <summary>Who sends the notice and follows the directive up ("Văn phòng Chính phủ").</summary>
    public required string TrackingOfficeName { get; init; }

    /// <summary>"2.a.3".</summary>
    public required string Label { get; init; }
    /// <summary>The task text, verbatim.</summary>
    public required string Task { get; init; }
    /// <summary>The agency in charge on <see cref="Today"/>.</summary>
    public required string LeadAgencyName { get; init; }
    /// <summary>The lead as the directive writes it, when it differs (a predecessor agency).</summary>
    public string? LeadAsWritten { get; init; }
    public IReadOnlyList<string> CoordinatingAgencyNames { get; init; } = [];

    public required NoticeRecipients Recipients { get; init; }
    /// <summary>The item's due date; for an item without one (<see cref="NoDeadline"/>), the notice's day.</summary>
    public required DateOnly DueDate { get; init; }
    /// <summary>The item has no due date: the notice asks for progress rather than counting days.</summary>
    public bool NoDeadline { get; init; }
    /// <summary>The day of the notice (Vietnam).</summary>
    public required DateOnly Today { get; init; }

    public required string StepId { get; init; }
    public required NoticeKind Kind { get; init; }
    /// <summary>1–3 for escalations, 0 otherwise.</summary>
    public int Level { get; init; }
    /// <summary>For level 3: 0 for the first notice, 1.. for its repeats.</summary>
    public int Repeat { get; init; }
    /// <summary>For milestones: what is due on the milestone date ("họp cho ý kiến ...").</summary>
    public string? MilestoneDescription { get; init; }

    public required NoticeLinks Links { get; init; }

    /// <summary>"6411/VPCP-KTTH".</summary>
    public string DocumentNumber => $"{DirectiveNumber}/{DirectiveCode}";

    /// <summary>Positive: days left until the due date; negative: days overdue; 0: due today.</summary>
    public int DaysRemaining => DueDate.DayNumber - Today.DayNumber;
}

/// <summary>A rendered notice: subject, plain text and HTML (every inserted value HTML-encoded).</summary>
public sealed record RenderedNotice(string Subject, string Text, string Html);
