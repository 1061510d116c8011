using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Domain.Escalation;

namespace Orchestrator.Workflows.Directives;

/// <summary>The stored form of an escalation policy: one fixed JSON shape (properties in declaration
/// order), so the same policy always gives the same text and so the same content hash.</summary>
public static class PolicyJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(EscalationPolicy policy) => JsonSerializer.Serialize(policy, Options);

    public static EscalationPolicy Read(string json) =>
        JsonSerializer.Deserialize<EscalationPolicy>(json, Options)
        ?? throw new InvalidOperationException("A stored escalation policy reads as null.");

    /// <summary>"field before → after" for each field that differs.</summary>
    public static IEnumerable<string> ChangedFields(EscalationPolicy before, EscalationPolicy after)
    {
        var a = JsonNode.Parse(Write(before))!.AsObject();
        var b = JsonNode.Parse(Write(after))!.AsObject();
        foreach (var (name, value) in a)
        {
            var other = b[name];
            if (!JsonNode.DeepEquals(value, other)) yield return $"{name} {value?.ToJsonString()} → {other?.ToJsonString()}";
        }
    }
}
