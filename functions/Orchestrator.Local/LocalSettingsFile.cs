using System.Text.Json;

namespace Orchestrator.Local;

/// <summary>
/// Reads the <c>Values</c> of a local.settings.json (the Functions tooling's file), so one file
/// configures both hosts. <c>A__B</c> becomes the configuration key <c>A:B</c>, as with
/// environment variables.
/// </summary>
public static class LocalSettingsFile
{
    public const string FileName = "local.settings.json";

    public static IReadOnlyDictionary<string, string?> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
            foreach (var property in section.EnumerateObject())
                values[property.Name.Replace("__", ":")] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()
                    : property.Value.GetRawText();
        return values;
    }

    /// <summary>The file in the working directory, else at the repository root; null when there is none.</summary>
    public static string? Find(string? repositoryRoot)
    {
        foreach (var folder in new[] { Directory.GetCurrentDirectory(), repositoryRoot })
        {
            if (folder is null) continue;
            var path = Path.Combine(folder, FileName);
            if (File.Exists(path)) return path;
        }
        return null;
    }
}
