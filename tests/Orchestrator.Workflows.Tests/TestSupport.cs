using Azure.Data.Tables;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Deadlines;
using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Escalation;
using Orchestrator.Testing;
using Orchestrator.Workflows.Notices;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Tests;

/// <summary>A clock the test sets.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The sample directive 6411/VPCP-KTTH, planned with the embedded reference data.</summary>
public static class Sample
{
    public const string Secret = "test-signing-secret-0123456789-abcdefghij";
    public static readonly AgencyDirectory Agencies = AgencyDirectory.Default();
    public static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Default();
    public static readonly DirectivePlan Plan = new DirectivePlanner(Agencies, new DeadlineInterpreter(Calendar))
        .Plan(DirectiveJson.Sample("6411-VPCP-KTTH"));

    public static TrackedItem Item(string label) => Plan.Items.Single(i => i.Label == label);

    public static EscalationStep Step(TrackedItem item, string stepId) =>
        EscalationPlanner.PlanFor(item, EscalationPolicy.Default, Calendar).Single(s => s.StepId == stepId);

    public static LinkOptions Links(string secret = Secret) => new() { BaseUrl = "https://orchestrator.example.org/", SigningSecret = secret, ValidDays = 30 };

    public static NoticeComposer Composer(TimeProvider? time = null) =>
        new(Agencies, new ActionTokens(Links(), time ?? new ManualClock(new DateTimeOffset(2023, 10, 3, 1, 0, 0, TimeSpan.Zero))));
}

/// <summary>An outbox on the shared Azurite with its own table prefix.</summary>
public static class TestOutbox
{
    public static async Task<OutboxStore> CreateAsync()
    {
        var connection = await SharedAzurite.GetConnectionStringAsync();
        return new OutboxStore(new TableStorage(new TableServiceClient(connection), TestNames.Unique("n")));
    }
}
