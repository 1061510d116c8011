using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Workflows.Hosting;

/// <summary>
/// The one JSON shape for orchestration inputs, outputs, events and custom status. Both hosts use
/// it, so an instance started by the local host can be resumed by the Functions app and back.
/// </summary>
public static class WorkflowJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
