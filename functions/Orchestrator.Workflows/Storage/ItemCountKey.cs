using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Items;

namespace Orchestrator.Workflows.Storage;

/// <summary>
/// What one item adds to the summary: at its agency in charge, either a completion (on time or
/// late, fixed for good) or an open item with its deadline's end instant. Whether an open item is
/// "in progress within the deadline" or "overdue" depends on when the summary is asked, so the
/// counters keep open items by deadline and the summary splits them at the current instant.
/// </summary>
public sealed record ItemCountKey(string Agency, string AgencyName, string Bucket)
{
    public const string OnTime = "onTime";
    public const string Late = "late";
    private const string OpenPrefix = "open:";

    public static string OpenUntil(DateTimeOffset dueEnd) => OpenPrefix + dueEnd.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The deadline's end (UTC ticks) of an open bucket; null for a completion.</summary>
    public static long? OpenDueTicks(string bucket) =>
        bucket.StartsWith(OpenPrefix, StringComparison.Ordinal) && long.TryParse(bucket.AsSpan(OpenPrefix.Length), out var ticks) ? ticks : null;

    /// <summary>The item's contribution, or null when none of the four official categories counts it
    /// (withdrawn, no deadline, standing): the same rules as <see cref="StatusCategories.Categorize"/>.</summary>
    public static ItemCountKey? Of(string agency, string agencyName, string state, string deadlineKind, DateTimeOffset? dueUtc,
        DateTimeOffset? endedUtc)
    {
        var view = ItemQueries.Categorize(state, deadlineKind, dueUtc, endedUtc, DateTimeOffset.MinValue);
        if (!StatusCategories.IsCounted(view) || dueUtc is not { } due) return null;
        return view switch
        {
            StatusCategory.CompletedOnTime => new(agency, agencyName, OnTime),
            StatusCategory.CompletedLate => new(agency, agencyName, Late),
            _ => new(agency, agencyName, OpenUntil(due)),
        };
    }

    public static ItemCountKey? Of(ItemRecord row) =>
        Of(row.AgencyInCharge, row.AgencyInChargeName, row.State, row.DeadlineKind, row.DueUtc, row.EndedUtc);

    /// <summary>Whether it is the same contribution (the agency's display name does not count).</summary>
    public bool SameAs(ItemCountKey? other) => other is not null && other.Agency == Agency && other.Bucket == Bucket;
}
