namespace Orchestrator.Workflows.Items;

/// <summary>
/// Everything that people do to an item arrives as one external event, <see cref="Name"/>, whose
/// <see cref="Kind"/> says what it is: one waiting point in the orchestrator instead of one per kind.
/// </summary>
public sealed record ItemEvent
{
    public const string Name = "ItemEvent";

    /// <summary>Chosen by the caller; makes the timeline row of the event idempotent.</summary>
    public required string EventId { get; init; }
    public required ItemEventKind Kind { get; init; }
    public required string Actor { get; init; }
    public required DateTimeOffset AtUtc { get; init; }
    public string? Note { get; init; }
    public string? ReportNumber { get; init; }
    public DateOnly? ReportDate { get; init; }
}

public enum ItemEventKind { Completed }
