using System.Text.Json;
using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Escalation;
using static Orchestrator.Domain.Tests.TestData;

namespace Orchestrator.Domain.Tests;

/// <summary>The workflow layer passes tracked items and steps as orchestration inputs (System.Text.Json).</summary>
public class SerializationTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Tracked_items_and_steps_round_trip()
    {
        var item = Planner.Plan(DirectiveJson.Sample("6411-VPCP-KTTH")).Items.Single(i => i.Label == "3.a.DBSH");
        var json = JsonSerializer.Serialize(item, Web);
        Assert.Contains("\"kind\":\"meeting\"", json);
        Assert.Contains("\"dueDate\":\"2023-10-02\"", json);
        var back = JsonSerializer.Deserialize<TrackedItem>(json, Web)!;
        Assert.Equal(item.Id, back.Id);
        Assert.Equal(item.Deadline, back.Deadline);
        Assert.Equal(item.Coordinating, back.Coordinating);

        var steps = EscalationPlanner.PlanFor(back, EscalationPolicy.Default, Days, Issued);
        var stepsBack = JsonSerializer.Deserialize<List<EscalationStep>>(JsonSerializer.Serialize(steps, Web), Web)!;
        Assert.Equal(steps, stepsBack);
        Assert.Equal("milestone-meeting", steps.Single(s => s.Kind == StepKind.Milestone).StepId);
    }
}
