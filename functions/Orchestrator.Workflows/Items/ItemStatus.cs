namespace Orchestrator.Workflows.Items;

/// <summary>The orchestration's custom status: what a status query shows about the item.</summary>
public sealed record ItemStatus(ItemState State, DateTimeOffset DueUtc, int Level, string? LastStep);

public enum ItemState { Open, Overdue, CompletedOnTime, CompletedLate }

/// <summary>The orchestration's output when the item ends.</summary>
public sealed record ItemOutcome(ItemState State, DateTimeOffset EndedUtc, int Level);
