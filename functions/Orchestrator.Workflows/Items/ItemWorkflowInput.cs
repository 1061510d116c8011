namespace Orchestrator.Workflows.Items;

/// <summary>
/// Everything an item's orchestration needs, frozen when it starts: later configuration changes
/// never rewrite a running item's plan. <see cref="Progress"/> carries what has already happened
/// across ContinueAsNew.
/// </summary>
public sealed record ItemWorkflowInput
{
    public required string DirectiveId { get; init; }
    public required string Label { get; init; }
    public required string Task { get; init; }
    public required string LeadAgency { get; init; }
    public required DateTimeOffset DueUtc { get; init; }

    /// <summary>The timed steps (reminders, milestones, escalations) in the order they fire.</summary>
    public required IReadOnlyList<PlannedStep> Steps { get; init; }

    public ItemProgress Progress { get; init; } = new();
}

/// <summary>One timed step of an item's plan.</summary>
public sealed record PlannedStep(string StepId, StepKind Kind, int Level, DateTimeOffset FireAtUtc);

public enum StepKind { Reminder, Milestone, Escalation }

/// <summary>What the orchestration has done so far; carried across ContinueAsNew.</summary>
public sealed record ItemProgress
{
    public bool Recorded { get; init; }
    public int NextStep { get; init; }
    public int Level { get; init; }
}
