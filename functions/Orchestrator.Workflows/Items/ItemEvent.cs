namespace Orchestrator.Workflows.Items;

/// <summary>
/// Everything people do to an item arrives as one external event, <see cref="Name"/>, whose
/// <see cref="Kind"/> says what it is: one waiting point in the orchestrator instead of one per kind.
/// Each records who, when and why.
/// </summary>
public sealed record ItemEvent
{
    public const string Name = "ItemEvent";

    /// <summary>Chosen by the caller; makes the timeline row of the event idempotent.</summary>
    public required string EventId { get; init; }
    public required ItemEventKind Kind { get; init; }
    /// <summary>Who the caller says acted (the body's actor, an x-actor header, a link's recipient): a
    /// declaration, which any caller can write.</summary>
    public required string Actor { get; init; }

    /// <summary>Who the host authenticated for the request that raised the event: the key's identity
    /// ("function key", "admin key"), the signed-in name (Entra ID in Azure), or "action link" for a
    /// signed link. Null in events raised before it was recorded and in the system's own.</summary>
    public string? Caller { get; init; }
    public required DateTimeOffset AtUtc { get; init; }
    public string? Reason { get; init; }
    public string? Note { get; init; }

    /// <summary>Completed / ProgressReported: the number and date of the agency's report.</summary>
    public string? ReportNumber { get; init; }
    public DateOnly? ReportDate { get; init; }

    /// <summary>ExtensionRequested / ExtensionGranted: the new last day.</summary>
    public DateOnly? NewDueDate { get; init; }

    /// <summary>Transferred: the agency that takes the item over.</summary>
    public string? ToAgency { get; init; }

    /// <summary>For an event sent from an action link: the item's link epoch the link was signed
    /// with. The orchestration refuses it when a transfer was applied after the link was issued
    /// (<see cref="ItemProgress.Transfers"/>). Null for events from the keyed API and operators.</summary>
    public int? LinkEpoch { get; init; }

    /// <summary>DateRecorded: the event the item's date waited for (its name, or "item 2 completed")
    /// and its day; the item is then due that day plus its dueAfter.offsetDays. Without a day, the
    /// day the event is recorded.</summary>
    public string? EventName { get; init; }
    public DateOnly? EventDate { get; init; }

    /// <summary>PartEnded: the part (tracked label) and how it ended.</summary>
    public string? Part { get; init; }
    public ItemState? PartState { get; init; }
}

public enum ItemEventKind
{
    Completed,
    ProgressReported,
    ExtensionRequested,
    ExtensionGranted,
    ExtensionRefused,
    Withdrawn,
    Transferred,
    /// <summary>What the item's date waited for happened (an event recorded through the API, or the
    /// completion of the item it names): the item gets its due date and a plan.</summary>
    DateRecorded,
    /// <summary>A part of this deliverable ended; the deliverable completes when all its parts have.</summary>
    PartEnded,
    /// <summary>A year's holiday schedule was loaded or replaced (<see cref="EventDate"/>: 1 January of
    /// that year): the item re-plans its remaining steps, and its due date if it was read from words
    /// and rolled over, with the calendar as it now is.</summary>
    CalendarChanged,
}
