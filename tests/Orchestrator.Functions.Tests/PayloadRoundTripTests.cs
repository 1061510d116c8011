using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Domain.Directives;
using Orchestrator.Domain.Escalation;
using Orchestrator.Functions.Tests.Support;
using Orchestrator.Testing;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Items;

namespace Orchestrator.Functions.Tests;

/// <summary>
/// Every payload of every orchestration and activity of the catalog (and the external event and
/// custom status) goes through the Functions worker's configured serializer and must come back
/// equal, member by member; and the JSON it writes must be the local host's, so an instance started
/// on one host resumes on the other.
/// </summary>
public sealed class PayloadRoundTripTests : IDisposable
{
    private readonly FunctionsAppUnderTest _app =
        FunctionsApp.Build(FunctionsApp.SampleSettings("UseDevelopmentStorage=true", TestNames.Unique("fn")));

    private DataConverter Converter => _app.Provider.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;
    private ObjectSerializer Serializer => _app.Provider.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer!;

    /// <summary>What the local host converts payloads with (DurableRuntime).</summary>
    private static readonly DataConverter LocalHostConverter = new JsonDataConverter(WorkflowJson.Options);

    /// <summary>Payloads by a readable name: the catalog's inputs and outputs, then those sent outside activities.</summary>
    private static readonly Dictionary<string, Type> Payloads = CatalogPayloads()
        .Append((Name: $"{ItemEvent.Name} (external event)", Type: typeof(ItemEvent)))
        .Append((Name: $"{nameof(ItemStatus)} (custom status)", Type: typeof(ItemStatus)))
        .ToDictionary(p => p.Name, p => p.Type);

    private static IEnumerable<(string Name, Type Type)> CatalogPayloads()
    {
        foreach (var (name, type) in WorkflowCatalog.Orchestrators.Concat(WorkflowCatalog.Activities))
        {
            var (input, output) = CatalogTypes.InputAndOutput(type);
            yield return ($"{name} input", input);
            yield return ($"{name} output", output);
        }
    }

    public static TheoryData<string> PayloadNames() => new(Payloads.Keys);

    [Theory]
    [MemberData(nameof(PayloadNames))]
    public void Every_payload_round_trips_through_the_worker_serializer(string payload)
    {
        var value = PayloadSamples.Create(Payloads[payload]);
        Assert.Empty(RoundTrip.Problems(value, Converter, Serializer));
    }

    [Theory]
    [MemberData(nameof(PayloadNames))]
    public void Every_payload_is_written_as_the_local_host_writes_it_and_read_back_from_it(string payload)
    {
        var value = PayloadSamples.Create(Payloads[payload]);
        var json = Converter.Serialize(value);
        Assert.Equal(LocalHostConverter.Serialize(value), json);
        var fromLocal = Converter.Deserialize(LocalHostConverter.Serialize(value), value.GetType());
        Assert.Empty(PayloadDifferences.Between(value, fromLocal, payload));
    }

    [Fact]
    public void Each_item_of_the_sample_directive_6411_starts_with_an_input_that_round_trips()
    {
        var plan = _app.Provider.GetRequiredService<DirectivePlanner>().Plan(DirectiveJson.Sample("6411-VPCP-KTTH"));
        var planning = _app.Provider.GetRequiredService<ItemPlanning>();
        var policy = _app.Provider.GetRequiredService<EscalationPolicy>();
        var issued = plan.Directive.IssueDate!.Value;
        var time = new TimeScale(0, 30, new DateTimeOffset(2024, 3, 15, 2, 0, 0, TimeSpan.Zero), issued);

        Assert.NotEmpty(plan.Items);
        foreach (var item in plan.Items)
        {
            var input = planning.InputFor(plan, item, policy, time, issued)
                with { Progress = new ItemProgress { Recorded = true, NextStep = 1, Level = 1, LastStep = "reminder-14d", LeadCode = "BTC", Generation = 2 } };
            Assert.Empty(RoundTrip.Problems(input, Converter, Serializer));
        }
    }

    /// <summary>A payload whose constructor parameter names no member cannot be read back: the check must say so.</summary>
    public sealed class PayloadWithoutAReadableConstructor(string label)
    {
        public string Name { get; } = label;
    }

    /// <summary>A member the serializer skips (here: a get-only property outside the constructor) is lost.</summary>
    public sealed record PayloadThatLosesAMember(string Label)
    {
        public StepKind Kind { get; private set; } = StepKind.Reminder;
        public static PayloadThatLosesAMember Escalated(string label) => new(label) { Kind = StepKind.Escalation };
    }

    [Fact]
    public void A_payload_that_cannot_round_trip_is_reported()
    {
        Assert.Contains(RoundTrip.Problems(new PayloadWithoutAReadableConstructor("1.a"), Converter, Serializer),
            p => p.Contains("does not round-trip", StringComparison.Ordinal));
        Assert.Contains(RoundTrip.Problems(PayloadThatLosesAMember.Escalated("1.a"), Converter, Serializer),
            p => p.Contains(".Kind: sent Escalation, got back Reminder", StringComparison.Ordinal));
    }

    public void Dispose() => _app.Dispose();
}
