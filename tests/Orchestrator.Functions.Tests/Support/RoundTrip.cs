using Azure.Core.Serialization;
using Microsoft.DurableTask;

namespace Orchestrator.Functions.Tests.Support;

/// <summary>
/// Sends a payload the ways the Functions app does and reports what did not come back equal:
/// through the durable worker's data converter (orchestration inputs and outputs, activity
/// inputs, events, custom status), and written by the worker's serializer but read by the data
/// converter (an activity's return value, which the worker serializes itself).
/// </summary>
public static class RoundTrip
{
    public static IReadOnlyList<string> Problems(object value, DataConverter converter, ObjectSerializer serializer)
    {
        var type = value.GetType();
        var problems = new List<string>();
        Check("data converter", () => converter.Serialize(value));
        Check("worker serializer", () => serializer.Serialize(value, type).ToString());
        return problems;

        void Check(string writer, Func<string?> write)
        {
            try
            {
                var json = write() ?? throw new InvalidOperationException("wrote nothing");
                var back = converter.Deserialize(json, type);
                problems.AddRange(PayloadDifferences.Between(value, back, type.Name).Select(d => $"{writer}: {d} (json: {json})"));
            }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException or System.Text.Json.JsonException)
            {
                problems.Add($"{writer}: {type.Name} does not round-trip: {e.Message}");
            }
        }
    }
}
