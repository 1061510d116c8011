using System.IO.Compression;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Orchestrator.Workflows.Drafting;

/// <summary>
/// The text layer of a PDF, read with bounded cost: at most <see cref="LetterLimits.MaxPdfPages"/>
/// pages, every stream decoded against a byte budget (PdfPig would otherwise inflate a 1 MB file's
/// stream to gigabytes before anyone sees its size), and the text stopped at the character cap:
/// each page's letters are counted before the layout analysis, which is the costly step.
/// </summary>
public static class PdfLetter
{
    public static string Read(byte[] content, CancellationToken cancel)
    {
        try
        {
            var filters = new BoundedFilterProvider(DefaultFilterProvider.Instance);
            using var pdf = PdfDocument.Open(content, new ParsingOptions { FilterProvider = filters, MaxStackDepth = LetterLimits.MaxXmlDepth });
            if (pdf.NumberOfPages > LetterLimits.MaxPdfPages)
                throw new LetterTooLargeException($"the PDF has {pdf.NumberOfPages} pages; at most {LetterLimits.MaxPdfPages} are read");
            pdf.AddPageFactory(new PdfPageCostFactory(pdf.Structure, filters));
            var text = new StringBuilder();
            long operators = 0;
            for (var number = 1; number <= pdf.NumberOfPages; number++)
            {
                cancel.ThrowIfCancellationRequested();
                // Counted from the raw content before PdfPig parses the page (it cannot be stopped inside one).
                operators += pdf.GetPage<PdfPageCost>(number).Operators;
                if (operators > LetterLimits.MaxPdfOperators)
                    throw new LetterTooLargeException($"the PDF's pages run more than {LetterLimits.MaxPdfOperators} content operators; at most {LetterLimits.MaxPdfOperators} are read");
                var page = pdf.GetPage(number);
                if (text.Length + page.Letters.Count > LetterLimits.MaxCharacters) throw TooLong();
                text.Append(ContentOrderTextExtractor.GetText(page)).Append('\n');
                if (text.Length > LetterLimits.MaxCharacters) throw TooLong();
            }
            var result = text.ToString();
            if (result.Trim().Length == 0)
                throw new UnreadableLetterException("the PDF has no text layer (a scan?); send its text, a .docx, or a PDF with text");
            return result;
        }
        // PdfPig reports a malformed file with many exception types (no common base): any of them
        // means "not a readable PDF", a 400 for the caller rather than a 500.
        catch (Exception e) when (e is not UnreadableLetterException and not LetterTooLargeException
                                      and not OperationCanceledException and not OutOfMemoryException)
        {
            // PdfPig may wrap the budget's refusal in its own exception.
            if (e.InnerException is LetterTooLargeException tooLarge) throw new LetterTooLargeException(tooLarge.Message);
            throw new UnreadableLetterException($"not a readable PDF: {e.Message}", e);
        }
    }

    private static LetterTooLargeException TooLong() =>
        new($"the letter's text has more than {LetterLimits.MaxCharacters} characters; at most {LetterLimits.MaxCharacters} are read");

    /// <summary>PdfPig's filters, each decode counted against one budget per document; Flate (the
    /// bomb's filter) is measured while inflating, before PdfPig's own filter allocates the result.</summary>
    private sealed class BoundedFilterProvider(IFilterProvider inner) : IFilterProvider
    {
        private long _decoded;

        public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(inner.GetFilters(dictionary));

        public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(inner.GetNamedFilters(names));

        public IReadOnlyList<IFilter> GetAllFilters() => Wrap(inner.GetAllFilters());

        private List<IFilter> Wrap(IReadOnlyList<IFilter> filters) => filters.Select(f => (IFilter)new BoundedFilter(f, this)).ToList();

        internal void Count(long bytes)
        {
            if (bytes > LetterLimits.MaxPdfStreamBytes)
                throw new LetterTooLargeException($"a stream of the PDF decodes to more than {LetterLimits.MaxPdfStreamBytes} bytes; at most {LetterLimits.MaxPdfStreamBytes} are read");
            _decoded += bytes;
            if (_decoded > LetterLimits.MaxPdfDecodedBytes)
                throw new LetterTooLargeException($"the PDF's streams decode to more than {LetterLimits.MaxPdfDecodedBytes} bytes; at most {LetterLimits.MaxPdfDecodedBytes} are read");
        }
    }

    private sealed class BoundedFilter(IFilter inner, BoundedFilterProvider budget) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            if (inner is FlateFilter) MeasureInflated(input.Span);
            var output = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            budget.Count(output.Length);
            return output;
        }

        /// <summary>Inflates into nothing, counting, and stops at the stream bound: a broken stream is
        /// left to PdfPig's filter to judge.</summary>
        private static void MeasureInflated(ReadOnlySpan<byte> zlib)
        {
            if (zlib.Length < 2) return;
            using var deflate = new DeflateStream(new MemoryStream(zlib[2..].ToArray(), writable: false), CompressionMode.Decompress);
            var sink = new byte[64 * 1024];
            long total = 0;
            try
            {
                int read;
                while ((read = deflate.Read(sink)) > 0)
                {
                    total += read;
                    if (total > LetterLimits.MaxPdfStreamBytes)
                        throw new LetterTooLargeException($"a stream of the PDF decodes to more than {LetterLimits.MaxPdfStreamBytes} bytes; at most {LetterLimits.MaxPdfStreamBytes} are read");
                }
            }
            catch (InvalidDataException)
            {
                // Not valid deflate data: PdfPig's filter decides what that means.
            }
        }
    }
}
