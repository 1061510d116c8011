using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace Orchestrator.Workflows.Drafting;

/// <summary>
/// The text of a .docx, read with bounded cost. The Open XML SDK builds its element tree
/// recursively (a part nesting 100,000 elements overflows the stack and kills the process, which
/// no catch can stop) and unpacks a part whole before its limits apply. So, first, every entry of
/// the zip is checked here with a streaming <see cref="XmlReader"/> (iterative: depth costs it
/// nothing): declared and actual unpacked sizes, characters per part, nesting depth, no DTD, well
/// formed. Then the SDK only finds the main part, and its text is read with the same streaming
/// reader: one line per paragraph, table cells in reading order, stopping at the character cap.
/// </summary>
public static class DocxLetter
{
    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    public static string Read(byte[] content, CancellationToken cancel)
    {
        try
        {
            Check(content, cancel);
            using var stream = new MemoryStream(content, writable: false);
            using var doc = WordprocessingDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = LetterLimits.MaxDocxPartCharacters });
            var main = doc.MainDocumentPart ?? throw new UnreadableLetterException("the .docx has no document body");
            using var part = main.GetStream(FileMode.Open, FileAccess.Read);
            return Text(part, cancel);
        }
        catch (XmlException e) when (e.Message.Contains(nameof(XmlReaderSettings.MaxCharactersInDocument), StringComparison.Ordinal))
        {
            throw new LetterTooLargeException($"a part of the .docx has more than {LetterLimits.MaxDocxPartCharacters} characters; at most {LetterLimits.MaxDocxPartCharacters} are read");
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            // A .docx never has one; entity expansion is how an XML bomb grows.
            throw new UnreadableLetterException("not a valid .docx: a part declares a DTD (<!DOCTYPE ...>), which a .docx never has", e);
        }
        catch (XmlException e)
        {
            throw new UnreadableLetterException($"not a valid .docx: its XML is broken ({e.Message})", e);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException)
        {
            throw new UnreadableLetterException($"not a readable .docx file: {e.Message}", e);
        }
    }

    /// <summary>Every entry within its bounds, every XML part well formed and shallow enough; throws otherwise.</summary>
    public static void Check(byte[] content, CancellationToken cancel)
    {
        using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        if (zip.Entries.Count > LetterLimits.MaxDocxEntries)
            throw new LetterTooLargeException($"the .docx has {zip.Entries.Count} parts; at most {LetterLimits.MaxDocxEntries} are read");
        var declared = zip.Entries.Sum(e => e.Length);
        if (declared > LetterLimits.MaxDocxUnpackedBytes)
            throw new LetterTooLargeException($"the .docx unpacks to {declared} bytes; at most {LetterLimits.MaxDocxUnpackedBytes} are read");
        var budget = new UnpackBudget(LetterLimits.MaxDocxUnpackedBytes);
        foreach (var entry in zip.Entries)
        {
            if (!IsXml(entry.FullName)) continue;
            using var stream = new BoundedStream(entry.Open(), budget);
            using var reader = XmlReader.Create(stream, Settings);
            while (reader.Read())
            {
                if (reader.Depth > LetterLimits.MaxXmlDepth)
                    throw new UnreadableLetterException($"not a valid .docx: its part {entry.FullName} nests elements more than {LetterLimits.MaxXmlDepth} deep");
                cancel.ThrowIfCancellationRequested();
            }
        }
    }

    private static bool IsXml(string name) =>
        name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = LetterLimits.MaxDocxPartCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>The body's paragraphs as lines: runs' text, a tab as a space, a break as a line break.</summary>
    private static string Text(Stream part, CancellationToken cancel)
    {
        using var reader = XmlReader.Create(part, Settings);
        var text = new StringBuilder();
        var inBody = false;
        var paragraphs = 0;
        var inText = false;
        var inTabStops = false;
        while (reader.Read())
        {
            if (reader.Depth > LetterLimits.MaxXmlDepth)
                throw new UnreadableLetterException($"not a valid .docx: its document nests elements more than {LetterLimits.MaxXmlDepth} deep");
            if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == WordNamespace)
            {
                switch (reader.LocalName)
                {
                    case "body": inBody = true; break;
                    // An empty paragraph (<w:p/>) has no end element: it is a line of its own at once.
                    case "p" when inBody && reader.IsEmptyElement: text.Append('\n'); break;
                    case "p" when inBody: paragraphs++; break;
                    // w:t holds the run's text; w:tab inside a run is a tab (inside w:tabs it is a tab stop).
                    case "t" when paragraphs > 0: inText = !reader.IsEmptyElement; break;
                    case "tabs": inTabStops = !reader.IsEmptyElement; break;
                    case "tab" when paragraphs > 0 && !inTabStops: text.Append(' '); break;
                    case "br" or "cr" when paragraphs > 0: text.Append('\n'); break;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.NamespaceURI == WordNamespace)
            {
                if (reader.LocalName == "t") inText = false;
                else if (reader.LocalName == "tabs") inTabStops = false;
                else if (reader.LocalName == "p" && paragraphs > 0) { paragraphs--; text.Append('\n'); }
                else if (reader.LocalName == "body") inBody = false;
            }
            else if (inText && reader.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace or XmlNodeType.CDATA)
            {
                text.Append(reader.Value);
            }
            if (text.Length > LetterLimits.MaxCharacters)
                throw new LetterTooLargeException($"the letter's text has more than {LetterLimits.MaxCharacters} characters; at most {LetterLimits.MaxCharacters} are read");
            cancel.ThrowIfCancellationRequested();
        }
        return text.ToString();
    }

    /// <summary>Bytes unpacked so far across all parts, against the one total bound.</summary>
    private sealed class UnpackBudget(long limit)
    {
        private long _used;

        public void Take(int bytes)
        {
            _used += bytes;
            if (_used > limit)
                throw new LetterTooLargeException($"the .docx unpacks to more than {limit} bytes; at most {limit} are read");
        }
    }

    /// <summary>A read-only stream that counts what it gives against the budget: a zip header that
    /// understates a part's size is caught while unpacking.</summary>
    private sealed class BoundedStream(Stream inner, UnpackBudget budget) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            budget.Take(read);
            return read;
        }

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            budget.Take(read);
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
