using System.Text.Json.Serialization;

namespace Orchestrator.Domain.Escalation;

[JsonConverter(typeof(JsonStringEnumConverter<StepKind>))]
public enum StepKind
{
    [JsonStringEnumMemberName("reminder")] Reminder,
    [JsonStringEnumMemberName("milestone")] Milestone,
    [JsonStringEnumMemberName("escalation")] Escalation,
    /// <summary>A request for a progress report, for an item without a due date.</summary>
    [JsonStringEnumMemberName("checkIn")] CheckIn,
}

/// <summary>One timer of an item's plan. <see cref="StepId"/> is stable ("reminder-14d",
/// "escalation-3-repeat-1", "milestone-draft") so it can key an outbox row and dedupe a send.</summary>
public sealed record EscalationStep(string StepId, StepKind Kind, int Level, DateOnly Date, DateTimeOffset FiresAt)
{
    public DateTime FiresAtUtc => FiresAt.UtcDateTime;
}
