using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Orchestrator.Domain.Common;

namespace Orchestrator.Workflows.Api;

/// <summary>What one field of a form may hold.</summary>
public sealed record FormField(int MaxLength, bool Multiline = false);

/// <summary>
/// Reads an HTML form post (application/x-www-form-urlencoded or multipart/form-data) strictly: the
/// body within <see cref="ApiOptions.MaxBodyBytes"/>, at most <see cref="MaxFields"/> fields, only
/// the fields the form has, one value each, no files, and every value within its field's limit and
/// <see cref="TextRules"/>. A malformed body (bad multipart, too many fields) is a 400 problem, not
/// the framework's exception.
/// </summary>
public sealed class FormBody(ApiOptions options)
{
    public const int MaxFields = 16;

    /// <summary>The trimmed, non-empty values by field name, or the problem that refuses the form.</summary>
    public async Task<(IReadOnlyDictionary<string, string>? Values, IResult? Error)> ReadAsync(HttpRequest request,
        IReadOnlyDictionary<string, FormField> fields)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Any(v => v?.Contains("chunked") == true);
        if (!hasBody) return (values, null);
        if (!request.HasFormContentType)
            return (null, ApiResults.Problem(StatusCodes.Status415UnsupportedMediaType, "Not a form",
                "Send the form as application/x-www-form-urlencoded or multipart/form-data.",
                [new FieldError("Content-Type", "application/x-www-form-urlencoded or multipart/form-data")]));
        if (request.ContentLength > options.MaxBodyBytes) return (null, TooLarge());

        IFormCollection form;
        using var buffer = new MemoryStream();
        try
        {
            // Buffered under the byte limit first: the form reader's own limits are per value, not per body.
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk)) > 0)
            {
                if (buffer.Length + read > options.MaxBodyBytes) return (null, TooLarge());
                buffer.Write(chunk, 0, read);
            }
            buffer.Position = 0;
            request.Body = buffer;
            form = await request.ReadFormAsync(new FormOptions
            {
                ValueCountLimit = MaxFields,
                KeyLengthLimit = 100,
                ValueLengthLimit = (int)Math.Min(int.MaxValue, options.MaxBodyBytes),
                MultipartBodyLengthLimit = options.MaxBodyBytes,
                MultipartHeadersCountLimit = 8,
                MultipartHeadersLengthLimit = 4096,
            });
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            // The framework refuses a control character in a URL-encoded value without saying which field: find it.
            if (!request.HasFormContentType || request.ContentType?.Contains("urlencoded", StringComparison.OrdinalIgnoreCase) == true)
            {
                if (FieldWithInvalidText(buffer.ToArray()) is { } invalid) return (null, ApiResults.BadRequest([invalid]));
            }
            // Too many fields, a key too long, a multipart body without its boundary or cut short.
            return (null, ApiResults.BadRequest([new FieldError("$form",
                $"a well-formed form of at most {MaxFields} fields ({e.Message.TrimEnd('.')})")]));
        }

        var problems = new List<FieldError>();
        foreach (var file in form.Files) problems.Add(new(file.Name, "a text field, not a file"));
        foreach (var (name, value) in form)
        {
            if (!fields.TryGetValue(name, out var field))
            {
                problems.Add(new(name, $"not a field of this form; expected {string.Join(", ", fields.Keys)}"));
                continue;
            }
            if (value.Count > 1) { problems.Add(new(name, "one value")); continue; }
            var text = value.ToString().Trim();
            if (TextRules.Problem(text, field.MaxLength, field.Multiline) is { } problem) problems.Add(new(name, problem));
            else if (text.Length > 0) values[name] = text;
        }
        return problems.Count > 0 ? (null, ApiResults.BadRequest(problems)) : (values, null);
    }

    /// <summary>The first field of a URL-encoded body whose decoded value breaks <see cref="TextRules"/>, if any.</summary>
    private static FieldError? FieldWithInvalidText(byte[] body)
    {
        foreach (var pair in System.Text.Encoding.UTF8.GetString(body).Split('&'))
        {
            var parts = pair.Split('=', 2);
            string Decode(string part) => Uri.UnescapeDataString(part.Replace('+', ' '));
            var name = Decode(parts[0]);
            if (TextRules.Problem(parts.Length > 1 ? Decode(parts[1]) : "", int.MaxValue, multiline: true) is { } problem)
                return new FieldError(TextRules.Problem(name, 100) is null ? name : "$form", problem);
        }
        return null;
    }

    private IResult TooLarge() => ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large",
        $"The form is larger than the limit of {options.MaxBodyBytes} bytes (setting Api__MaxBodyBytes).",
        [new FieldError("$form", $"at most {options.MaxBodyBytes} bytes")]);
}
