using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Orchestrator.Local.Commands;

/// <summary>The options several verbs share, with their checks, so each is read and refused alike.</summary>
public static class CliOptions
{
    public static Option<bool> JsonFlag() => new("--json") { Description = "Print JSON instead of text" };

    /// <summary>A date written YYYY-MM-DD (nothing else: 01/02 reads differently in Vietnam and the US).</summary>
    public static Option<DateOnly?> Date(string name, string description, bool required = false) => new(name)
    {
        Description = description,
        Required = required,
        HelpName = "YYYY-MM-DD",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            result.AddError($"{name} expects a date as YYYY-MM-DD, got \"{text}\"");
            return null;
        },
    };

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int?> Number(string name, string description, int min = 1, int max = int.MaxValue) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = result => Parse(result, name, min, max,
            text => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null),
    };

    /// <summary>A decimal number (a dot) from <paramref name="min"/> to <paramref name="max"/>; <paramref name="exclusiveMin"/> refuses min itself.</summary>
    public static Option<double?> DecimalNumber(string name, string description, double min, double max = double.MaxValue, bool exclusiveMin = false) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) &&
                (exclusiveMin ? n > min : n >= min) && n <= max)
                return n;
            result.AddError($"{name} expects a number {(exclusiveMin ? "above" : "from")} {min}{(max < double.MaxValue ? $" to {max}" : "")}, got \"{text}\"");
            return null;
        },
    };

    private static int? Parse(ArgumentResult result, string name, int min, int max, Func<string, int?> parse)
    {
        var text = result.Tokens[0].Value;
        if (parse(text) is { } n && n >= min && n <= max) return n;
        result.AddError($"{name} expects a whole number from {min}{(max < int.MaxValue ? $" to {max}" : " up")}, got \"{text}\"");
        return null;
    }

    public static Option<string?> Text(string name, string description, string helpName = "TEXT") =>
        new(name) { Description = description, HelpName = helpName };

    /// <summary>
    /// Loads the data file (or folder) an option names, or null when the option is absent. A file
    /// that is missing or unreadable is a usage error naming the option and the path.
    /// </summary>
    public static T? Load<T>(string option, string? path, Func<string, T> load) where T : class
    {
        if (path is null) return null;
        try
        {
            return load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or JsonException)
        {
            throw new UsageException($"{option}: cannot read \"{path}\": {e.Message}", e);
        }
    }

    public static readonly JsonSerializerOptions JsonFormat = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Keep Vietnamese readable in the output; it is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string IsoDate(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
