using System.Text;

namespace Orchestrator.Workflows.Drafting;

/// <summary>The formats a letter arrives in.</summary>
public enum LetterFormat { Text, Docx, Pdf }

/// <summary>A letter could not be read as the format it claims (a broken .docx, a PDF without a
/// text layer, text that is not UTF-8); the message says which and what to send instead.</summary>
public sealed class UnreadableLetterException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The text of a letter, one line per line of the original: plain text as given (UTF-8), a .docx
/// as one line per paragraph (table cells too, in reading order), a PDF as the lines of its text
/// layer, page after page. Line numbers in a draft refer to this text.
/// </summary>
public static class LetterText
{
    public static LetterFormat? FormatOf(string? contentType, string? fileName = null)
    {
        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return type switch
        {
            "text/plain" => LetterFormat.Text,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => LetterFormat.Docx,
            "application/pdf" => LetterFormat.Pdf,
            _ => Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
            {
                ".txt" or ".text" => LetterFormat.Text,
                ".docx" => LetterFormat.Docx,
                ".pdf" => LetterFormat.Pdf,
                _ => null,
            },
        };
    }

    /// <summary>The letter's text; throws <see cref="UnreadableLetterException"/> (a 400) or
    /// <see cref="LetterTooLargeException"/> (a 413) for a letter that cannot be read within <see cref="LetterLimits"/>.</summary>
    public static string Extract(byte[] content, LetterFormat format, CancellationToken cancel = default)
    {
        var text = format switch
        {
            LetterFormat.Docx => DocxLetter.Read(content, cancel),
            LetterFormat.Pdf => PdfLetter.Read(content, cancel),
            _ => FromText(content),
        };
        if (text.Length > LetterLimits.MaxCharacters)
            throw new LetterTooLargeException($"the letter's text has {text.Length} characters; at most {LetterLimits.MaxCharacters} are read");
        return text;
    }

    private static string FromText(byte[] content)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException e)
        {
            throw new UnreadableLetterException("the text is not UTF-8; save the letter as UTF-8 text", e);
        }
    }
}
