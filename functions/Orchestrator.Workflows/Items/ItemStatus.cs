namespace Orchestrator.Workflows.Items;

/// <summary>The orchestration's custom status: what a status query shows about the item.</summary>
public sealed record ItemStatus(ItemState State, DateOnly? DueDate, DateTimeOffset? DueUtc, int Level, string? LastStep,
    string? NextStep, DateTimeOffset? NextStepUtc)
{
    /// <summary>For a deliverable with parts: each part and how it ended (null while it is open).</summary>
    public IReadOnlyList<PartStatus>? Parts { get; init; }

    /// <summary>For an item whose date waits (dueAfter): what it waits for, until it has a date.</summary>
    public string? WaitingFor { get; init; }
}

/// <summary>A part of a deliverable as its parent sees it.</summary>
public sealed record PartStatus(string Label, ItemState? Ended, DateTimeOffset? EndedUtc);

public enum ItemState { Open, Overdue, CompletedOnTime, CompletedLate, Withdrawn }

public static class ItemStates
{
    public static bool IsEnded(this ItemState state) =>
        state is ItemState.CompletedOnTime or ItemState.CompletedLate or ItemState.Withdrawn;
}

/// <summary>The orchestration's output when the item ends.</summary>
public sealed record ItemOutcome(ItemState State, DateTimeOffset EndedUtc, int Level);
