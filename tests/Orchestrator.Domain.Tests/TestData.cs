using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Deadlines;
using Orchestrator.Domain.Directives;

namespace Orchestrator.Domain.Tests;

/// <summary>The embedded reference data, loaded once (it is immutable).</summary>
internal static class TestData
{
    public static readonly WorkingDayCalendar Days = WorkingDayCalendar.Default();
    public static readonly AgencyDirectory Registry = AgencyDirectory.Default();
    public static readonly DeadlineInterpreter Interpreter = new(Days);
    public static readonly DirectivePlanner Planner = new(Registry, Interpreter);
    public static readonly DateOnly Issued = new(2023, 8, 19);

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd");
}
