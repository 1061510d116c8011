using System.Globalization;
using Orchestrator.Domain.Deadlines;
using Orchestrator.Domain.Escalation;

namespace Orchestrator.Domain.Tests;

public class StatusCategoryTests
{
    private static readonly DateTimeOffset DueEnd = new(2023, 10, 3, 0, 0, 0, TimeSpan.FromHours(7)); // end of 2/10/2023
    private static DateTimeOffset At(string local) => DateTimeOffset.Parse(local + "+07:00", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(ItemState.Completed, DeadlineKind.Date, "2023-10-02T23:59:59", "2023-12-01T00:00:00", StatusCategory.CompletedOnTime)]
    [InlineData(ItemState.Completed, DeadlineKind.Date, "2023-10-03T00:00:00", "2023-12-01T00:00:00", StatusCategory.CompletedLate)]
    [InlineData(ItemState.Open, DeadlineKind.Date, null, "2023-10-02T23:59:59", StatusCategory.InProgressWithinDeadline)]
    [InlineData(ItemState.Open, DeadlineKind.Date, null, "2023-10-03T00:00:00", StatusCategory.Overdue)]
    [InlineData(ItemState.Open, DeadlineKind.Urgent, null, "2023-10-03T00:00:00", StatusCategory.Overdue)]
    [InlineData(ItemState.Withdrawn, DeadlineKind.Date, null, "2023-12-01T00:00:00", StatusCategory.NotCountedWithdrawn)]
    [InlineData(ItemState.Transferred, DeadlineKind.Date, null, "2023-12-01T00:00:00", StatusCategory.NotCountedTransferred)]
    [InlineData(ItemState.Completed, DeadlineKind.Standing, "2023-12-01T00:00:00", "2023-12-01T00:00:00", StatusCategory.NotCountedStanding)]
    public void Official_categories(ItemState state, DeadlineKind kind, string? completed, string now, StatusCategory expected)
    {
        var category = StatusCategories.Categorize(state, kind, kind == DeadlineKind.Standing ? null : DueEnd,
            completed is null ? null : At(completed), At(now));
        Assert.Equal(expected, category);
    }

    [Fact]
    public void On_time_means_strictly_before_the_end_instant()
    {
        Assert.True(StatusCategories.IsOnTime(DueEnd.AddTicks(-1), DueEnd));
        Assert.False(StatusCategories.IsOnTime(DueEnd, DueEnd));
        Assert.False(StatusCategories.IsOnTime(DueEnd.ToUniversalTime(), DueEnd)); // the same instant in UTC
    }

    [Fact]
    public void No_deadline_is_never_overdue_nor_counted()
    {
        var c = StatusCategories.Categorize(ItemState.Open, DeadlineKind.None, null, null, At("2030-01-01T00:00:00"));
        Assert.Equal(StatusCategory.NotCountedNoDeadline, c);
        Assert.False(StatusCategories.IsCounted(c));
        Assert.True(StatusCategories.IsCounted(StatusCategory.Overdue));
    }

    [Fact]
    public void A_completed_item_needs_its_completion_instant() =>
        Assert.Throws<ArgumentException>(() => StatusCategories.Categorize(ItemState.Completed, DeadlineKind.Date, DueEnd, null, At("2023-10-01T00:00:00")));
}
