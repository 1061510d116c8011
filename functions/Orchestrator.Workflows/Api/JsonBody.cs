using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Workflows.Api;

/// <summary>
/// Reads a request body strictly: a size limit, unknown fields refused, and every error names the
/// field (as a JSON path) and what was expected, instead of a framework's generic 400 or a 500.
/// </summary>
public sealed partial class JsonBody(ApiOptions options)
{
    private static readonly JsonSerializerOptions Strict = new(WorkflowJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        // A field given twice is ambiguous: refused, as JsonObject would otherwise throw on it.
        AllowDuplicateProperties = false,
    };

    public async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request) where T : class
    {
        var (body, error) = await ReadBytesAsync(request, options.MaxBodyBytes);
        if (error is not null) return (null, error);

        try
        {
            var value = JsonSerializer.Deserialize<T>(body, Strict);
            return value is null
                ? (null, ApiResults.BadRequest([new FieldError("$", "a JSON object was expected, got null")]))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ApiResults.BadRequest([new FieldError(e.Path ?? "$", Describe(e, typeof(T)))]));
        }
        catch (InvalidOperationException e) when (IsInvalidText(e))
        {
            return (null, ApiResults.BadRequest([new FieldError("$", InvalidTextMessage)]));
        }
    }

    public const string InvalidTextMessage = "valid Unicode text: a \\u escape is half of a surrogate pair";

    /// <summary>System.Text.Json's refusal to turn an escaped lone surrogate ("\ud800") into a string.</summary>
    public static bool IsInvalidText(InvalidOperationException e) => e.Message.Contains("invalid UTF-16", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("surrogate", StringComparison.OrdinalIgnoreCase);

    /// <summary>Says what was expected in the API's words, without the .NET type names of the serializer's message.</summary>
    internal static string Describe(JsonException e, Type bodyType)
    {
        var message = e.Message;
        if (UnknownField().Match(message) is { Success: true } unknown)
            return $"'{unknown.Groups[1].Value}' is not a field of this request";
        if (MissingFields().Match(message) is { Success: true } missing)
            return $"required field(s) missing: {missing.Groups[1].Value.TrimEnd('.')}";
        if (message.Contains("could not be converted to", StringComparison.Ordinal))
            return $"the value has the wrong type: expected {Expected(TypeAt(bodyType, e.Path))}";
        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
            return "each field once; a field is given twice";
        if (message.Contains("invalid UTF-16", StringComparison.OrdinalIgnoreCase) || message.Contains("surrogate", StringComparison.OrdinalIgnoreCase))
            return InvalidTextMessage;
        return "the body is not valid JSON";
    }

    /// <summary>The .NET type of the property a JSON path points at, following nested objects and arrays.</summary>
    private static Type? TypeAt(Type root, string? path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        var type = root;
        foreach (var segment in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Split('[')[0];
            var property = type.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (property is null) return null;
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (segment.Contains('[') && ElementType(type) is { } element) type = element;
        }
        return type;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];

    private static string Expected(Type? type) => type switch
    {
        null => "another type",
        _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "an ISO 8601 date-time such as 2023-12-31T17:00:00Z",
        _ when type == typeof(DateOnly) => "a date such as 2023-12-31",
        _ when type == typeof(string) => "a string",
        _ when type == typeof(bool) => "true or false",
        _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type).Select(n => char.ToLowerInvariant(n[0]) + n[1..])),
        _ when type.IsPrimitive || type == typeof(decimal) => "a number",
        _ when type != typeof(string) && ElementType(type) is not null => "an array",
        _ => "an object",
    };

    [System.Text.RegularExpressions.GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial System.Text.RegularExpressions.Regex UnknownField();

    [System.Text.RegularExpressions.GeneratedRegex("missing required properties including: (.+)$")]
    private static partial System.Text.RegularExpressions.Regex MissingFields();

    /// <summary>The body as text, or the problem (413, empty body) that stops reading it.</summary>
    public static async Task<(string? Text, IResult? Error)> ReadTextAsync(HttpRequest request, long limit)
    {
        var (body, error) = await ReadBytesAsync(request, limit);
        return error is not null ? (null, error) : (System.Text.Encoding.UTF8.GetString(body!), null);
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes, whatever Content-Length claims.</summary>
    private static async Task<(byte[]? Body, IResult? Error)> ReadBytesAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit) return (null, TooLarge(limit));
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > limit) return (null, TooLarge(limit));
            buffer.Write(chunk, 0, read);
        }
        return buffer.Length == 0
            ? (null, ApiResults.BadRequest([new FieldError("$", "a JSON object was expected, the body is empty")]))
            : (buffer.ToArray(), null);
    }

    private static IResult TooLarge(long limit) => ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large",
        $"The request body is larger than the limit of {limit} bytes (setting Api__MaxBodyBytes).");

}
