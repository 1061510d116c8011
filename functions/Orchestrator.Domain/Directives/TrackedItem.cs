using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Deadlines;

namespace Orchestrator.Domain.Directives;

/// <summary>One trackable obligation of one agency: a directive item, or one member's share of an
/// item whose lead is a group. What the workflow layer runs an orchestration for.</summary>
public sealed record TrackedItem
{
    public required string DirectiveId { get; init; }
    /// <summary>Unique within the directive: the item's label, plus the member suffix when a group
    /// lead was expanded ("3.a.DBSH").</summary>
    public required string Label { get; init; }
    /// <summary>The label in the document ("3.a").</summary>
    public required string SourceLabel { get; init; }
    public required ItemKind Kind { get; init; }
    public required string Text { get; init; }
    /// <summary>The lead as the document writes it (kept for history).</summary>
    public required string LeadAsWritten { get; init; }
    /// <summary>Directory code of the lead on the issue date (the group member for expanded items).</summary>
    public required string LeadCode { get; init; }
    public IReadOnlyList<AgencyRef> Coordinating { get; init; } = [];
    public required DeadlineInterpretation Deadline { get; init; }
    public IReadOnlyList<Milestone> Milestones { get; init; } = [];
    public IReadOnlyList<Transfer> Transfers { get; init; } = [];

    /// <summary>What the date waits for (null: dated, or no deadline, as the words say). While
    /// waiting, <see cref="Deadline"/> has no due date.</summary>
    public DueAfter? DueAfter { get; init; }

    /// <summary>The tracked label of the deliverable this item is a part of.</summary>
    public string? Parent { get; init; }

    /// <summary>Tracked labels of this item's parts: it completes when they have.</summary>
    public IReadOnlyList<string> Parts { get; init; } = [];

    /// <summary>Tracked labels of the items whose date waits for this one to complete.</summary>
    public IReadOnlyList<string> Dependents { get; init; } = [];

    /// <summary>"2023-6411-VPCP-KTTH/2.a.3": stable across runs, for messages. (The orchestration instance id
    /// is built by the workflow layer, ItemInstanceId, without the slash that Table Storage keys refuse.)</summary>
    public string Id => $"{DirectiveId}/{Label}";

    /// <summary>Who owes this item on <paramref name="day"/>: the latest per-item transfer effective by
    /// then (if any), else the lead, then the directory's successor links from there.</summary>
    public Agency LeadOn(DateOnly day, AgencyDirectory agencies)
    {
        var transfer = Transfers.Where(t => t.Effective <= day && t.To is not null).OrderByDescending(t => t.Effective).FirstOrDefault();
        var start = transfer is null ? LeadCode : agencies.Resolve(transfer.To!)?.Code ?? transfer.To!;
        return agencies.InChargeOn(start, day);
    }
}

/// <summary>An agency reference: the name as written and the directory code it resolved to (null
/// for a coordinating agency the directory does not know: a warning at import, kept as written).</summary>
public sealed record AgencyRef(string AsWritten, string? Code);
