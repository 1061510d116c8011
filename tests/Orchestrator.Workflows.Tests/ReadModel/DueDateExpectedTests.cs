using Orchestrator.Domain.Calendar;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Tests.ReadModel;

/// <summary>An item's view says when its due date is in a year computed by rule ("dự kiến"), asked of
/// the calendar when read: loading the year's schedule clears it without touching the row.</summary>
public class DueDateExpectedTests
{
    private static ItemRecord Row(string due) => new()
    {
        PartitionKey = "2025-1-VPCP-KTTH", RowKey = "1", State = "Open", DeadlineKind = "Date", DueDate = due,
        DueUtc = new DateTimeOffset(2029, 1, 2, 17, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void A_due_date_in_an_expected_year_is_marked_until_the_year_is_decided()
    {
        var calendar = WorkingDayCalendar.Default();
        var now = new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero);
        Assert.True(ItemQueries.ToView(Row("2029-01-02"), now, calendar).DueDateExpected);
        Assert.False(ItemQueries.ToView(Row("2025-01-02"), now, calendar).DueDateExpected);
        Assert.False(ItemQueries.ToView(Row("2029-01-02"), now).DueDateExpected); // no calendar given: never claimed

        calendar.Replace([ExpectedHolidays.For(2029) with { Status = "official", Source = "test decision" }]);
        Assert.False(ItemQueries.ToView(Row("2029-01-02"), now, calendar).DueDateExpected);
    }
}
