using System.Text.Json.Serialization;
using Orchestrator.Domain.Deadlines;

namespace Orchestrator.Domain.Escalation;

/// <summary>The four official categories of the PM Working Group's reports (BRIEF §2), plus the
/// states that must not be counted in them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StatusCategory>))]
public enum StatusCategory
{
    /// <summary>"hoàn thành đúng hạn"</summary>
    [JsonStringEnumMemberName("completedOnTime")] CompletedOnTime,
    /// <summary>"hoàn thành quá hạn"</summary>
    [JsonStringEnumMemberName("completedLate")] CompletedLate,
    /// <summary>"đang thực hiện trong hạn"</summary>
    [JsonStringEnumMemberName("inProgressWithinDeadline")] InProgressWithinDeadline,
    /// <summary>"quá hạn" (not done, deadline passed)</summary>
    [JsonStringEnumMemberName("overdue")] Overdue,
    [JsonStringEnumMemberName("notCountedWithdrawn")] NotCountedWithdrawn,
    [JsonStringEnumMemberName("notCountedTransferred")] NotCountedTransferred,
    [JsonStringEnumMemberName("notCountedNoDeadline")] NotCountedNoDeadline,
    [JsonStringEnumMemberName("notCountedStanding")] NotCountedStanding,
}

[JsonConverter(typeof(JsonStringEnumConverter<ItemState>))]
public enum ItemState
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("withdrawn")] Withdrawn,
    /// <summary>Handed to another directive/agency outside this tracking (not a successor routing).</summary>
    [JsonStringEnumMemberName("transferred")] Transferred,
}

public static class StatusCategories
{
    public static bool IsCounted(StatusCategory c) => c <= StatusCategory.Overdue;

    /// <summary>
    /// The one "on time" rule, used for the category and by the item's orchestration alike:
    /// something done at <paramref name="at"/> is within a deadline whose exclusive end instant is
    /// <paramref name="dueEnd"/> (24:00 local of the last day) only if it is strictly before it. 24:00
    /// of the last day is 00:00 of the next day (Civil Code, Art. 148: the period ends at the end of
    /// its last day), so a completion at exactly the end instant is late, and an open item is
    /// overdue from that instant on.
    /// </summary>
    public static bool IsOnTime(DateTimeOffset at, DateTimeOffset dueEnd) => at < dueEnd;

    /// <summary>
    /// The official category of an item. <paramref name="dueEnd"/> is the exclusive end instant
    /// (24:00 local of the due date, after any extension); see <see cref="IsOnTime"/>.
    /// </summary>
    public static StatusCategory Categorize(ItemState state, DeadlineKind kind, DateTimeOffset? dueEnd, DateTimeOffset? completedAt, DateTimeOffset now)
    {
        if (state == ItemState.Withdrawn) return StatusCategory.NotCountedWithdrawn;
        if (state == ItemState.Transferred) return StatusCategory.NotCountedTransferred;
        if (kind == DeadlineKind.Standing) return StatusCategory.NotCountedStanding;
        if (kind == DeadlineKind.None || dueEnd is null) return StatusCategory.NotCountedNoDeadline;
        if (state == ItemState.Completed)
        {
            var at = completedAt ?? throw new ArgumentException("A completed item needs its completion instant.", nameof(completedAt));
            return IsOnTime(at, dueEnd.Value) ? StatusCategory.CompletedOnTime : StatusCategory.CompletedLate;
        }
        return IsOnTime(now, dueEnd.Value) ? StatusCategory.InProgressWithinDeadline : StatusCategory.Overdue;
    }
}
