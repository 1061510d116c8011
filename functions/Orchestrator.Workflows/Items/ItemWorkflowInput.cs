using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Escalation;

namespace Orchestrator.Workflows.Items;

/// <summary>
/// Everything an item's orchestration needs, frozen when it starts: the escalation policy and the
/// planned steps are copied in, so a later configuration change never rewrites a running item's
/// ladder. <see cref="Progress"/> carries what has happened across ContinueAsNew.
/// </summary>
public sealed record ItemWorkflowInput
{
    public required string DirectiveId { get; init; }
    public required string Label { get; init; }
    public required string Task { get; init; }
    public required string Kind { get; init; }
    public required bool Urgent { get; init; }

    /// <summary>The last day (after roll-over and the demo shift), or null for an item with no deadline.</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>When the deadline ends in real time (24:00 Vietnam of the due date, through the time scale).</summary>
    public DateTimeOffset? DueUtc { get; init; }

    public required EscalationPolicy Policy { get; init; }
    public required TimeScale Time { get; init; }

    /// <summary>The timed steps (milestones, reminders, escalations) in the order they fire.</summary>
    public required IReadOnlyList<PlannedStep> Steps { get; init; }

    /// <summary>Which plan of the item <see cref="Steps"/> belong to: 1 as imported, one more for each
    /// granted extension. It qualifies the steps' keys (<see cref="StepKeys"/>). An input stored
    /// before this field existed reads as plan 1, whose keys are the plain step ids, as before.</summary>
    public int Plan { get; init; } = 1;

    /// <summary>True once an extension or an event set the due date: a changed holiday schedule then
    /// keeps it (the date was granted as it is), instead of rolling it over again from the words.</summary>
    public bool DueDateSet { get; init; }

    /// <summary>What the due date waits for (null: dated as imported, or no deadline).</summary>
    public DueAfter? DueAfter { get; init; }

    /// <summary>The deliverable this item is a part of: told when this item ends.</summary>
    public string? Parent { get; init; }

    /// <summary>This deliverable's parts (labels): it completes when they have.</summary>
    // Lists default to List<T>, the type a stored input reads back as (arrays would not round-trip equal).
    public IReadOnlyList<string> Parts { get; init; } = new List<string>();

    /// <summary>Items whose date waits for this one: told when it is completed.</summary>
    public IReadOnlyList<string> Dependents { get; init; } = new List<string>();

    /// <summary>For an item without a due date: months between its check-ins (requests for a progress
    /// report), frozen at import; a progress report starts the next round from its day. Null for an
    /// item with a due date, and in inputs stored before check-ins existed: those have no steps, as before.</summary>
    public int? CheckInEveryMonths { get; init; }

    /// <summary>When the import that started the item was accepted (the directive's import time).
    /// The first run's catch-up skips only steps that were already due then: a step still ahead when
    /// the import was accepted is owed to the ministry, however late the instance first runs (a
    /// background import slowed down, a host killed meanwhile). Null in inputs stored before it
    /// existed: then the first run's own time, as before.</summary>
    public DateTimeOffset? AcceptedUtc { get; init; }

    public ItemProgress Progress { get; init; } = new();
}

/// <summary>One timed step of an item's plan: its planned day and the real instant it fires.</summary>
public sealed record PlannedStep(string StepId, StepKind Kind, int Level, DateOnly Date, DateTimeOffset FireAtUtc);

/// <summary>What the orchestration has done so far; carried across ContinueAsNew.</summary>
public sealed record ItemProgress
{
    public bool Recorded { get; init; }
    public int NextStep { get; init; }
    public int Level { get; init; }
    public string? LastStep { get; init; }

    /// <summary>The lead agency after a transfer (null: the one the directive names, routed by date).</summary>
    public string? LeadCode { get; init; }

    /// <summary>How many transfers to a named agency the item has applied. Each one advances the
    /// item's link epoch (<see cref="Activities.RecordEventActivity"/>), and an open item's epoch
    /// advances for nothing else, so while it is open this equals that epoch: an event from a link
    /// signed with a lower epoch was issued before a transfer applied since, and is refused.
    /// An input stored before this field existed reads 0: its earlier transfers are not counted,
    /// so it refuses fewer events, never more.</summary>
    public int Transfers { get; init; }

    /// <summary>The id of the last event the item took (applied or refused). The same event delivered
    /// again right after (an operator's repeated raise, a link's resend after a lost answer) is
    /// ignored: applying it twice would count one transfer twice, out of step with the link epoch,
    /// whose store also skips a repeat of the event that advanced it last.</summary>
    public string? LastEventId { get; init; }

    /// <summary>The parts that have ended so far (a deliverable's only).</summary>
    public IReadOnlyList<PartStatus> EndedParts { get; init; } = new List<PartStatus>();

    /// <summary>The agency in charge as the last notice found it (null until one was sent): a hint for
    /// the activities, which find the item's summary counters by it; a stale hint costs one more read.</summary>
    public string? AgencyInCharge { get; init; }

    /// <summary>How many times the orchestration has continued as new (for the status and tests).</summary>
    public int Generation { get; init; }
}

/// <summary>
/// The key of a step within an item: what the outbox row, the timeline row and the read model's
/// last step use. A step id alone ("escalation-1") repeats in every plan of an item, so a later
/// plan's key carries its number ("plan2-escalation-1"); plan 1 keeps the bare step id, the key
/// of items planned before extensions had plans of their own. Letters, digits and '-' only: valid
/// in a Table Storage RowKey.
/// </summary>
public static class StepKeys
{
    public static string For(int plan, string stepId) => plan <= 1 ? stepId : $"plan{plan}-{stepId}";
}
