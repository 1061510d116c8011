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
public sealed class DraftApi(AgencyDirectory agencies, DeadlineInterpreter interpreter, TimeProvider time, LetterGate gate)
{
    /// <summary>A letter file larger than this is refused with 413 (a scanned PDF is larger, and unreadable anyway).</summary>
    public const long MaxLetterBytes = LetterLimits.MaxFileBytes;
    /// <summary>A letter whose text is longer than this is refused: a directive letter is a few pages.</summary>
    public const int MaxLetterCharacters = LetterLimits.MaxCharacters;

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

        // The deadline covers the whole draft (upload, wait at the gate, reading), and a caller that
        // goes away stops it: the work is abandoned, not left running for nobody.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted);
        deadline.CancelAfter(LetterLimits.MaxDraftTime);
        try
        {
            return await DraftAsync(request, format, today, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return ApiResults.Problem(StatusCodes.Status503ServiceUnavailable, "The letter took too long",
                $"Reading the letter was stopped after {LetterLimits.MaxDraftTime.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; " +
                "send a shorter letter, or its text as text/plain.");
        }
    }

    private async Task<IResult> DraftAsync(HttpRequest request, LetterFormat format, DateOnly? today, CancellationToken cancel)
    {
        if (request.ContentLength > MaxLetterBytes) return TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancel)) > 0)
        {
            if (buffer.Length + read > MaxLetterBytes) return TooLarge();
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return ApiResults.BadRequest([new FieldError("$", "the letter (text, .docx or PDF); the body is empty")]);

        using var slot = await gate.EnterAsync(LetterGate.MaxWait, cancel);
        if (slot is null)
        {
            request.HttpContext.Response.Headers.RetryAfter = LetterGate.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return ApiResults.Problem(StatusCodes.Status503ServiceUnavailable, "Busy reading other letters",
                $"At most {LetterGate.MaxConcurrent} letters are read at once; try again in {LetterGate.RetryAfterSeconds} s.");
        }

        string text;
        try
        {
            text = LetterText.Extract(buffer.ToArray(), format, cancel);
        }
        catch (UnreadableLetterException e)
        {
            return ApiResults.BadRequest([new FieldError("$", e.Message)]);
        }
        catch (LetterTooLargeException e)
        {
            return ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "The letter is too large to read",
                $"The letter cannot be read within the limits: {e.Message}.", [new FieldError("$", e.Message)]);
        }
        if (text.Trim().Length == 0) return ApiResults.BadRequest([new FieldError("$", "the letter has no text")]);

        cancel.ThrowIfCancellationRequested();
        var draft = new DraftReader(agencies, interpreter).Read(text, today ?? VietnamTime.Today(time.GetUtcNow()), cancel);
        return ApiResults.Json(draft with { Lines = LetterLines.Split(text).Select(l => l.Text).ToList() });
    }

    private static IResult TooLarge() =>
        ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "The letter is too large",
            $"A letter may be at most {MaxLetterBytes} bytes.", [new FieldError("$", $"at most {MaxLetterBytes} bytes")]);
}
