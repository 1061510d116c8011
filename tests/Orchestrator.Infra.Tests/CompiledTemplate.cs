using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Infra.Tests;

/// <summary>infra/main.bicep compiled to ARM JSON once per test run, with helpers to read it.</summary>
internal static class CompiledTemplate
{
    private static readonly Lazy<JsonObject> Compiled = new(() => Compile(RepoPaths.MainBicep));

    public static JsonObject Main => Compiled.Value;

    public static JsonObject Compile(string bicepFile)
    {
        var result = BicepCli.Run("build", bicepFile, "--stdout", "--no-restore");
        Assert.True(result.ExitCode == 0, result.Describe());
        return JsonNode.Parse(result.StdOut)?.AsObject()
            ?? throw new InvalidOperationException("bicep build printed no JSON");
    }

    /// <summary>
    /// Every resource of the given type anywhere in the template, modules (nested deployments)
    /// included. A resource is an object with "type" and "apiVersion".
    /// </summary>
    public static IReadOnlyList<JsonObject> Resources(JsonNode template, string type)
    {
        var found = new List<JsonObject>();
        Walk(template, node =>
        {
            if (node is JsonObject obj
                && obj["apiVersion"] is JsonValue
                && obj["type"] is JsonValue t
                && t.GetValueKind() == JsonValueKind.String
                && string.Equals(t.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(obj);
            }
        });
        return found;
    }

    public static JsonObject SingleResource(JsonNode template, string type)
    {
        var all = Resources(template, type);
        Assert.True(all.Count == 1, $"expected exactly one {type}, found {all.Count}");
        return all[0];
    }

    /// <summary>The Function App's application settings (the sites/config 'appsettings' resource).</summary>
    public static JsonObject AppSettings(JsonNode template)
    {
        var configs = Resources(template, "Microsoft.Web/sites/config")
            .Where(r => r["name"]?.GetValue<string>().Contains("appsettings", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(configs.Count == 1, $"expected one sites/config 'appsettings' resource, found {configs.Count}");
        return configs[0]["properties"]?.AsObject()
            ?? throw new InvalidOperationException("appsettings resource has no properties");
    }

    public static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString();

    private static void Walk(JsonNode? node, Action<JsonNode> visit)
    {
        switch (node)
        {
            case JsonObject obj:
                visit(obj);
                foreach (var (_, child) in obj)
                {
                    Walk(child, visit);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Walk(child, visit);
                }

                break;
        }
    }
}
