using System.Text.Json.Serialization;

namespace Orchestrator.Domain.Directives;

/// <summary>
/// A directive as transcribed (Directives/directive.schema.json). Fields are nullable because a
/// document under review may be incomplete: <see cref="DirectiveValidator"/> reports every gap at
/// once, and <see cref="DirectivePlanner"/> only plans a valid one.
/// </summary>
public sealed record Directive
{
    /// <summary>The number before the slash: "6411".</summary>
    public string? Number { get; init; }
    /// <summary>The issuer-unit code after the slash: "VPCP-KTTH".</summary>
    public string? Code { get; init; }
    public DateOnly? IssueDate { get; init; }
    public string? Issuer { get; init; }
    public string? Place { get; init; }
    public Signer? Signer { get; init; }
    /// <summary>The "V/v ..." line as written.</summary>
    public string? Subject { get; init; }
    public IReadOnlyList<string> Recipients { get; init; } = [];
    /// <summary>The body that follows up the directive and receives level-3 escalations
    /// (name or code; "Văn phòng Chính phủ" when absent).</summary>
    public string? TrackingOffice { get; init; }
    public IReadOnlyList<DirectiveItem> Items { get; init; } = [];

    // Optional fields added after the first format: absent when not set, so a directive written
    // before them serialises (and hashes, DirectiveImporter) exactly as it did.

    /// <summary>What kind of letter it is: công văn, chỉ thị, thông báo, công điện, quyết định.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DocumentType? DocumentType { get; init; }

    /// <summary>Fields whose value came from a source other than the letter ("issueDate", "signer.name").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Reconstructed { get; init; }

    /// <summary>"6411/VPCP-KTTH".</summary>
    [JsonIgnore]
    public string DocumentNumber => $"{Number}/{Code}";

    /// <summary>Stable id: issue year, number and code joined with dashes ("2023-6411-VPCP-KTTH");
    /// numbering restarts every year, so the year is part of the identity.</summary>
    [JsonIgnore]
    public string Id => $"{IssueDate?.Year}-{Number}-{Code}";
}

public sealed record Signer
{
    public string? Name { get; init; }
    /// <summary>"Phó Chủ nhiệm".</summary>
    public string? Title { get; init; }
    /// <summary>The signing authority line, e.g. "KT. BỘ TRƯỞNG, CHỦ NHIỆM".</summary>
    public string? Authority { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<ItemKind>))]
public enum ItemKind
{
    /// <summary>A task with a deadline (or urgent, or none): tracked.</summary>
    [JsonStringEnumMemberName("task")] Task,
    /// <summary>A meeting or milestone to hold by a date: tracked, planned with a milestone step.</summary>
    [JsonStringEnumMemberName("meeting")] Meeting,
    /// <summary>A standing requirement: recorded, not tracked.</summary>
    [JsonStringEnumMemberName("standing")] Standing,
}

[JsonConverter(typeof(JsonStringEnumConverter<DocumentType>))]
public enum DocumentType
{
    [JsonStringEnumMemberName("congVan")] CongVan,
    [JsonStringEnumMemberName("chiThi")] ChiThi,
    [JsonStringEnumMemberName("thongBao")] ThongBao,
    [JsonStringEnumMemberName("congDien")] CongDien,
    [JsonStringEnumMemberName("quyetDinh")] QuyetDinh,
}

/// <summary>What an item's date waits for: an event recorded through the API (by name), or the
/// completion of another item of the directive (by label). The due date is that day plus
/// <see cref="OffsetDays"/> calendar days, rolled to a working day.</summary>
public sealed record DueAfter
{
    public string? Event { get; init; }
    public string? Item { get; init; }
    public int? OffsetDays { get; init; }
}

public sealed record DirectiveItem
{
    /// <summary>Stable label from the document's numbering: "2.a.3".</summary>
    public string? Label { get; init; }
    public ItemKind Kind { get; init; } = ItemKind.Task;
    /// <summary>The task text, verbatim.</summary>
    public string? Text { get; init; }
    /// <summary>The lead agency ("chủ trì") exactly as written; one only (Decree 39/2022/NĐ-CP).</summary>
    public string? Lead { get; init; }
    /// <summary>Directory code when the written name cannot be resolved (e.g. a typo in the document).</summary>
    public string? LeadCode { get; init; }
    /// <summary>Coordinating agencies ("phối hợp") as written.</summary>
    public IReadOnlyList<string> Coordinating { get; init; } = [];
    /// <summary>The deadline words as written; empty or absent = no deadline.</summary>
    public string? DeadlinePhrase { get; init; }
    /// <summary>A date set by the tracking office that overrides the phrase; needs a reason.</summary>
    public DateOnly? ExplicitDate { get; init; }
    public string? ExplicitDateReason { get; init; }
    /// <summary>Intermediate dates (drafts, reports) that become milestone steps.</summary>
    public IReadOnlyList<Milestone> Milestones { get; init; } = [];
    /// <summary>Per-item transfers that override the directory's default successor.</summary>
    public IReadOnlyList<Transfer> Transfers { get; init; } = [];

    // Optional fields added after the first format (absent when not set; see Directive).

    /// <summary>Several leads ("Các Bộ: A, B, C"): one tracked item each, labelled like a group's
    /// members ("2.a.BCT"). Exclusive with <see cref="Lead"/> and <see cref="LeadCode"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Leads { get; init; }

    /// <summary>Urgent beside its date, set by a reviewer (the words can mark it urgent too).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Urgent { get; init; }

    /// <summary>The date waits for an event or another item ("trước khi trình Thủ tướng Chính phủ").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DueAfter? DueAfter { get; init; }

    /// <summary>Label of the deliverable this item is a part of; the parent completes when its parts have.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Parent { get; init; }

    /// <summary>Fields of this item whose value came from a source other than the letter ("lead").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Reconstructed { get; init; }
}

public sealed record Milestone
{
    public string? Id { get; init; }
    public DateOnly? Date { get; init; }
    public string? Description { get; init; }
}

/// <summary>From <see cref="Effective"/> on, agency <see cref="To"/> owes this item.</summary>
public sealed record Transfer
{
    public string? To { get; init; }
    public DateOnly? Effective { get; init; }
    public string? Reason { get; init; }
}
