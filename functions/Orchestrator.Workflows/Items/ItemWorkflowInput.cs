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

    /// <summary>How many times the orchestration has continued as new (for the status and tests).</summary>
    public int Generation { get; init; }
}
