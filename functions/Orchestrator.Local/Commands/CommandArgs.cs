using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Orchestrator.Local.Commands;

/// <summary>Tiny hand-written parser: positional arguments plus "--name value" and "--flag" options.</summary>
internal sealed class CommandArgs
{
    public List<string> Positional { get; } = [];
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    public static CommandArgs Parse(string[] args, IReadOnlySet<string> flags, IReadOnlySet<string> valued)
    {
        var result = new CommandArgs();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                if (flags.Contains(a)) result._options[a] = null;
                else if (valued.Contains(a))
                {
                    if (i + 1 >= args.Length) throw new ArgumentException($"{a} needs a value");
                    result._options[a] = args[++i];
                }
                else throw new ArgumentException($"unknown option {a}");
            }
            else result.Positional.Add(a);
        }
        return result;
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.GetValueOrDefault(name);

    public DateOnly? Date(string name) =>
        Value(name) is not { } v ? null
        : DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new ArgumentException($"{name} expects a date as YYYY-MM-DD, got \"{v}\"");

    /// <summary>
    /// Loads the data file (or folder) an option names, or null when the option is absent. A file
    /// that is missing or unreadable is a usage error naming the option and the path.
    /// </summary>
    public T? DataFile<T>(string name, Func<string, T> load) where T : class
    {
        if (Value(name) is not { } path) return null;
        try
        {
            return load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or JsonException)
        {
            throw new ArgumentException($"{name}: cannot read \"{path}\": {e.Message}", e);
        }
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Keep Vietnamese readable in the output; it is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string IsoDate(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
