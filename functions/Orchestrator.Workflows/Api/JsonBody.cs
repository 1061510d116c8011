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
    };

    public async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request) where T : class
    {
        if (request.ContentLength > options.MaxBodyBytes)
            return (null, TooLarge());
        using var buffer = new MemoryStream();
        var limit = options.MaxBodyBytes;
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > limit) return (null, TooLarge());
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            return (null, ApiResults.BadRequest([new FieldError("$", "a JSON object was expected, the body is empty")]));

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.ToArray(), Strict);
            return value is null
                ? (null, ApiResults.BadRequest([new FieldError("$", "a JSON object was expected, got null")]))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ApiResults.BadRequest([new FieldError(e.Path ?? "$", Describe(e))]));
        }
    }

    /// <summary>Says what was expected in the API's words, without the .NET type names of the serializer's message.</summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        if (UnknownField().Match(message) is { Success: true } unknown)
            return $"'{unknown.Groups[1].Value}' is not a field of this request";
        if (MissingFields().Match(message) is { Success: true } missing)
            return $"required field(s) missing: {missing.Groups[1].Value.TrimEnd('.')}";
        if (message.Contains("could not be converted to", StringComparison.Ordinal))
            return $"the value has the wrong type: expected {ExpectedType(message)}";
        return "the body is not valid JSON";
    }

    private static string ExpectedType(string message)
    {
        var type = ConvertedTo().Match(message) is { Success: true } m ? m.Groups[1].Value : "";
        return type switch
        {
            _ when type.Contains("DateTimeOffset") || type.Contains("DateTime") => "an ISO 8601 date-time such as 2023-12-31T17:00:00Z",
            _ when type.Contains("DateOnly") => "a date such as 2023-12-31",
            _ when type.Contains("Int") || type.Contains("Double") || type.Contains("Decimal") => "a number",
            _ when type.Contains("Boolean") => "true or false",
            _ when type.Contains("String") => "a string",
            _ when type.Contains("List") || type.Contains("[]") || type.Contains("IReadOnlyList") => "an array",
            _ => "an object",
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial System.Text.RegularExpressions.Regex UnknownField();

    [System.Text.RegularExpressions.GeneratedRegex("missing required properties including: (.+)$")]
    private static partial System.Text.RegularExpressions.Regex MissingFields();

    [System.Text.RegularExpressions.GeneratedRegex("could not be converted to ([^.]+(?:\\.[^.]+)*?)\\.? Path")]
    private static partial System.Text.RegularExpressions.Regex ConvertedTo();

    private IResult TooLarge() => ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large",
        $"The request body is larger than the limit of {options.MaxBodyBytes} bytes (setting Api__MaxBodyBytes).");
}
