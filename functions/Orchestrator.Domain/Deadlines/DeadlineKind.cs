using System.Text.Json.Serialization;

namespace Orchestrator.Domain.Deadlines;

[JsonConverter(typeof(JsonStringEnumConverter<DeadlineKind>))]
public enum DeadlineKind
{
    /// <summary>A calendar date read from the words (or set explicitly).</summary>
    [JsonStringEnumMemberName("date")] Date,
    /// <summary>"khẩn trương", "ngay", "gấp": an implied date some working days after issue; flagged urgent.</summary>
    [JsonStringEnumMemberName("urgent")] Urgent,
    /// <summary>No deadline phrase: tracked with check-ins, never counted overdue.</summary>
    [JsonStringEnumMemberName("none")] None,
    /// <summary>"thường xuyên": a standing duty, recorded, not a deadline item.</summary>
    [JsonStringEnumMemberName("standing")] Standing,
    /// <summary>"định kỳ hằng quý", "định kỳ 2 năm/lần": a duty repeated every
    /// <see cref="DeadlineInterpretation.RecurrenceMonths"/>; tracked with a check-in each period, never overdue.</summary>
    [JsonStringEnumMemberName("recurring")] Recurring,
}
