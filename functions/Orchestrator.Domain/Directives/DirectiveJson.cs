using System.Text.Json;
using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Directives;

/// <summary>Reads and writes the directive JSON format (camelCase; dates as YYYY-MM-DD).</summary>
public static class DirectiveJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The directive, or the JSON problem (with its path) that stopped reading.</summary>
    public static (Directive? Directive, ValidationProblem? Problem) Read(string json)
    {
        try
        {
            var d = JsonSerializer.Deserialize<Directive>(json, Options);
            return d is null ? (null, new ValidationProblem("$", ProblemCodes.Json, "expected a JSON object, found null")) : (d, null);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path.TrimStart('$', '.');
            return (null, new ValidationProblem(path, ProblemCodes.Json, $"not a valid directive document: {e.Message}"));
        }
    }

    public static string Write(Directive directive) => JsonSerializer.Serialize(directive, Options);

    /// <summary>The file names of the embedded sample directives ("6411-VPCP-KTTH.json").</summary>
    public static IReadOnlyList<string> SampleNames =>
        typeof(DirectiveJson).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(SamplePrefix, StringComparison.Ordinal))
            .Select(n => n[SamplePrefix.Length..]).Order().ToList();

    /// <summary>The JSON text of a shipped sample, e.g. "6411-VPCP-KTTH".</summary>
    public static string SampleText(string name) =>
        EmbeddedText.Read(typeof(DirectiveJson).Assembly, SamplePrefix + (name.EndsWith(".json", StringComparison.Ordinal) ? name : name + ".json"));

    public static Directive Sample(string name) =>
        Read(SampleText(name)) is ({ } d, null) ? d : throw new InvalidDataException($"Sample {name} does not read.");

    /// <summary>The JSON Schema of the format.</summary>
    public static string SchemaText() => EmbeddedText.Read(typeof(DirectiveJson).Assembly, "Orchestrator.Domain.directive.schema.json");

    private const string SamplePrefix = "Orchestrator.Domain.Samples.";
}
