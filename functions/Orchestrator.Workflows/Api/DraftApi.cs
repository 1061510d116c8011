using System.Globalization;
using Microsoft.AspNetCore.Http;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Deadlines;
using Orchestrator.Domain.Drafting;
using Orchestrator.Workflows.Drafting;

namespace Orchestrator.Workflows.Api;

/// <summary>
/// POST /api/drafts: a letter (text/plain UTF-8, a .docx, or a PDF with a text layer, by
/// Content-Type) → the directive draft JSON (<see cref="DirectiveDraft"/>). Nothing is stored; the
/// reviewer corrects the draft and imports its directive through POST /api/directives.
/// </summary>
public sealed class DraftApi(AgencyDirectory agencies, DeadlineInterpreter interpreter, TimeProvider time)
{
    /// <summary>A letter file larger than this is refused with 413 (a scanned PDF is larger, and unreadable anyway).</summary>
    public const long MaxLetterBytes = 10 * 1024 * 1024;
    /// <summary>A letter whose text is longer than this is refused: a directive letter is a few pages.</summary>
    public const int MaxLetterCharacters = 200_000;

    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public async Task<IResult> DraftAsync(HttpRequest request)
    {
        if (LetterText.FormatOf(request.ContentType) is not { } format)
            return ApiResults.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported letter format",
                $"Content-Type: expected text/plain (UTF-8), {DocxContentType} or application/pdf; got \"{request.ContentType ?? "none"}\".",
                [new FieldError("Content-Type", "text/plain, a .docx or application/pdf")]);

        var problems = new List<FieldError>();
        DateOnly? today = null;
        if (request.Query["today"].FirstOrDefault() is { Length: > 0 } t)
        {
            if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) today = d;
            else problems.Add(new("today", "a date YYYY-MM-DD (the day whose agency in charge the plan shows)"));
        }
        if (problems.Count > 0) return ApiResults.BadRequest(problems);

        if (request.ContentLength > MaxLetterBytes) return TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > MaxLetterBytes) return TooLarge();
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return ApiResults.BadRequest([new FieldError("$", "the letter (text, .docx or PDF); the body is empty")]);

        string text;
        try
        {
            text = LetterText.Extract(buffer.ToArray(), format);
        }
        catch (UnreadableLetterException e)
        {
            return ApiResults.BadRequest([new FieldError("$", e.Message)]);
        }
        if (text.Length > MaxLetterCharacters)
            return ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "The letter is too long",
                $"The letter's text has {text.Length} characters; at most {MaxLetterCharacters} are read.", [new FieldError("$", $"at most {MaxLetterCharacters} characters of text")]);
        if (text.Trim().Length == 0) return ApiResults.BadRequest([new FieldError("$", "the letter has no text")]);

        var draft = new DraftReader(agencies, interpreter).Read(text, today ?? VietnamTime.Today(time.GetUtcNow()));
        return ApiResults.Json(draft with { Lines = LetterLines.Split(text).Select(l => l.Text).ToList() });
    }

    private static IResult TooLarge() =>
        ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "The letter is too large",
            $"A letter may be at most {MaxLetterBytes} bytes.", [new FieldError("$", $"at most {MaxLetterBytes} bytes")]);
}
