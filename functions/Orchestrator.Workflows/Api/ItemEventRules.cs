using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Calendar;
using Orchestrator.Workflows.Items;

namespace Orchestrator.Workflows.Api;

/// <summary>
/// What an item event must hold so that the item can act on it later without failing: a granted
/// due date the planner can plan, a transfer to an agency the directory knows. Checked at the door
/// by the item endpoints and by the admin "raise" alike, so no caller can fail an item this way.
/// </summary>
public sealed class ItemEventRules(AgencyDirectory agencies)
{
    /// <summary>
    /// A grant re-plans the ladder from the new date with the calendar of that year and the next
    /// (escalations run on past the year's end): a date the calendar cannot plan (past
    /// <see cref="WorkingDayCalendar.LastYear"/> − 1) is refused. Every other year is known, decided or expected.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static",
        Justification = "Part of the rules object the endpoints are given; the range is the calendar's own.")]
    public void CheckPlannable(List<FieldError> problems, string field, DateOnly? newDueDate)
    {
        if (newDueDate is { } due && !(WorkingDayCalendar.Covers(due.Year) && WorkingDayCalendar.Covers(due.Year + 1)))
            problems.Add(new(field, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"a date from {WorkingDayCalendar.FirstYear} to {WorkingDayCalendar.LastYear - 1} (the working-day calendar's years, with the year after it)")));
    }

    /// <summary>The checks for an event raised as it is (admin "raise"), beyond its text limits.</summary>
    public void CheckRaised(List<FieldError> problems, string prefix, ItemEvent e)
    {
        if (e.Kind == ItemEventKind.ExtensionGranted) CheckPlannable(problems, prefix + "newDueDate", e.NewDueDate);
        if (e.Kind == ItemEventKind.DateRecorded) CheckPlannable(problems, prefix + "eventDate", e.EventDate);
        if (e.Kind == ItemEventKind.Transferred && !string.IsNullOrEmpty(e.ToAgency) && agencies.FindByCode(e.ToAgency) is null)
            problems.Add(new(prefix + "toAgency", $"the code of a known agency; \"{e.ToAgency}\" is not one " +
                                                  $"(nearest: {string.Join(", ", agencies.Nearest(e.ToAgency))})"));
    }
}
