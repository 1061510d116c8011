using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

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

    public static string Extract(byte[] content, LetterFormat format) => format switch
    {
        LetterFormat.Docx => FromDocx(content),
        LetterFormat.Pdf => FromPdf(content),
        _ => FromText(content),
    };

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

    private static string FromDocx(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var doc = WordprocessingDocument.Open(stream, false);
            var body = doc.MainDocumentPart?.Document?.Body
                ?? throw new UnreadableLetterException("the .docx has no document body");
            var text = new StringBuilder();
            foreach (var paragraph in body.Descendants<Paragraph>())
            {
                foreach (var node in paragraph.Descendants())
                {
                    switch (node)
                    {
                        case Text t: text.Append(t.Text); break;
                        case TabChar: text.Append(' '); break;
                        case Break: text.Append('\n'); break;
                    }
                }
                text.Append('\n');
            }
            return text.ToString();
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException)
        {
            throw new UnreadableLetterException($"not a readable .docx file: {e.Message}", e);
        }
    }

    private static string FromPdf(byte[] content)
    {
        try
        {
            using var pdf = PdfDocument.Open(content);
            var text = new StringBuilder();
            foreach (var page in pdf.GetPages())
                text.Append(ContentOrderTextExtractor.GetText(page)).Append('\n');
            var result = text.ToString();
            if (result.Trim().Length == 0)
                throw new UnreadableLetterException("the PDF has no text layer (a scan?); send its text, a .docx, or a PDF with text");
            return result;
        }
        // PdfPig reports a malformed file with many exception types (no common base): any of them
        // means "not a readable PDF", a 400 for the caller rather than a 500.
        catch (Exception e) when (e is not UnreadableLetterException and not OutOfMemoryException)
        {
            throw new UnreadableLetterException($"not a readable PDF: {e.Message}", e);
        }
    }
}
