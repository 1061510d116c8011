using System.Text.Json.Serialization;
using Orchestrator.Domain.Directives;

namespace Orchestrator.Domain.Drafting;

/// <summary>
/// What <see cref="DraftReader"/> makes of a letter: a directive in the import format (plus the
/// format additions <c>documentType</c>, <c>leads</c>, <c>urgent</c>), where every field came from,
/// what it could not find, the text it did not turn into items, and the plan the import would make.
/// A reviewer checks it against the letter, corrects it, and imports <see cref="Directive"/>.
/// </summary>
public sealed record DirectiveDraft
{
    public required DraftDirective Directive { get; init; }
    /// <summary>Field path ("number", "items[3].lead") → the letter's lines and a confidence.</summary>
    public required IReadOnlyDictionary<string, FieldSource> Sources { get; init; }
    /// <summary>Fields left empty (never guessed) and readings a reviewer should check.</summary>
    public required IReadOnlyList<DraftFlag> Flags { get; init; }
    /// <summary>Every paragraph that is not an item, with why: nothing the letter says is dropped.</summary>
    public required IReadOnlyList<UnplacedText> NotItems { get; init; }
    public required DraftPlan Plan { get; init; }
    /// <summary>The letter's text as read, line n at index n − 1 (what <see cref="Sources"/> point at):
    /// POST /api/drafts sends it so a reviewer sees the text of a .docx or PDF beside the draft.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Lines { get; init; }
}

/// <summary>The directive JSON of the draft: the fields of <see cref="Directives.Directive"/> plus the
/// format additions agreed for this release (documentType; items' leads and urgent).</summary>
public sealed record DraftDirective
{
    public string? Number { get; init; }
    public string? Code { get; init; }
    public DateOnly? IssueDate { get; init; }
    public string? Issuer { get; init; }
    public string? Place { get; init; }
    public Signer? Signer { get; init; }
    public string? Subject { get; init; }
    public IReadOnlyList<string> Recipients { get; init; } = [];
    /// <summary>"congVan", "chiThi", "thongBao", "congDien", "quyetDinh".</summary>
    public string? DocumentType { get; init; }
    public IReadOnlyList<DraftItem> Items { get; init; } = [];
}

public sealed record DraftItem
{
    public string? Label { get; init; }
    public ItemKind Kind { get; init; } = ItemKind.Task;
    public string? Text { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Lead { get; init; }
    /// <summary>Several leads ("Các Bộ: A, B"): each becomes its own tracked item "label.CODE".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Leads { get; init; }
    public IReadOnlyList<string> Coordinating { get; init; } = [];
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeadlinePhrase { get; init; }
    /// <summary>Urgency words kept beside a dated phrase ("Khẩn trương ... trước ngày 15/3/2025").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Urgent { get; init; }

    /// <summary>Field names whose value is not the letter's own words ("lead" when the spacing of
    /// a name was repaired from the directory).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Reconstructed { get; init; }

    [JsonIgnore]
    public IReadOnlyList<string> AllLeads => Leads ?? (Lead is null ? [] : [Lead]);
}

/// <summary>Lines are 1-based, inclusive, in the text the reader was given (for .docx: one line per
/// paragraph; for PDF: the text layer's lines). Confidence 0–1: 1 = read from a fixed form ("Số:",
/// "Kính gửi:"), lower = a reading rule a reviewer should check.</summary>
public sealed record FieldSource(int FromLine, int ToLine, double Confidence, string Rule);

public sealed record DraftFlag(string Field, string Message);

public sealed record UnplacedText(int FromLine, int ToLine, string Text, string Reason);

/// <summary>The plan the import would make for the items that validate (due dates and who is in
/// charge today), and the problems that keep the others out.</summary>
public sealed record DraftPlan
{
    public required DateOnly Today { get; init; }
    public IReadOnlyList<DraftPlanRow> Items { get; init; } = [];
    public IReadOnlyList<DraftPlanProblem> Problems { get; init; } = [];
    public IReadOnlyList<string> Standing { get; init; } = [];
}

public sealed record DraftPlanRow(
    string Label, string SourceLabel, string Kind, string Lead, string LeadCode, string InChargeToday, string InChargeTodayCode,
    string? DeadlinePhrase, string DeadlineKind, string? DueDate, string Rule, string? FirstReminder);

public sealed record DraftPlanProblem(string Label, string Field, string Message);
