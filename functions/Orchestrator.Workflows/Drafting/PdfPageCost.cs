using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Outline.Destinations;
using UglyToad.PdfPig.Tokens;

namespace Orchestrator.Workflows.Drafting;

/// <summary>How many content operators a page runs, counted before PdfPig parses it.</summary>
public sealed record PdfPageCost(long Operators);

/// <summary>
/// Counts a page's operators from its raw content streams, before PdfPig parses the page: PdfPig
/// builds every operation of a page at once and cannot be stopped inside it, and a 12 KB PDF of
/// 3 million "q Q" pairs took it 24 s. The count is a lexer's (operators are the bare words outside
/// strings, names and numbers); a form XObject of the page counts its operators once per "Do" of
/// the page, since each draws it again. The streams are decoded through the same bounded filters.
/// Used as a page factory: <c>pdf.GetPage&lt;PdfPageCost&gt;(n)</c>.
/// </summary>
public sealed class PdfPageCostFactory(Structure structure, IFilterProvider filters) : IPageFactory<PdfPageCost>
{
    private static readonly NameToken Contents = NameToken.Create("Contents");
    private static readonly NameToken Resources = NameToken.Create("Resources");
    private static readonly NameToken XObject = NameToken.Create("XObject");
    private static readonly NameToken Subtype = NameToken.Create("Subtype");

    public PdfPageCost Create(int number, DictionaryToken dictionary, PageTreeMembers pageTreeMembers, NamedDestinations namedDestinations)
    {
        var (operators, draws) = (0L, 0L);
        foreach (var stream in Streams(dictionary.TryGet(Contents, out var contents) ? contents : null))
        {
            var (o, d) = Count(Decode(stream).Span);
            operators += o;
            draws += d;
        }
        if (draws > 0) operators += draws * FormOperators(dictionary);
        return new PdfPageCost(operators);
    }

    /// <summary>The operators of the page's form XObjects together: an upper bound of one "Do".</summary>
    private long FormOperators(DictionaryToken page)
    {
        if (Resolve(page.TryGet(Resources, out var r) ? r : null) is not DictionaryToken resources
            || Resolve(resources.TryGet(XObject, out var x) ? x : null) is not DictionaryToken xobjects)
            return 0;
        long total = 0;
        foreach (var value in xobjects.Data.Values)
            if (Resolve(value) is StreamToken form && form.StreamDictionary.TryGet(Subtype, out var subtype)
                && subtype is NameToken { Data: "Form" })
                total += Count(Decode(form).Span).Operators;
        return total;
    }

    private IEnumerable<StreamToken> Streams(IToken? token)
    {
        switch (Resolve(token))
        {
            case StreamToken stream: yield return stream; break;
            case ArrayToken array:
                foreach (var item in array.Data)
                    if (Resolve(item) is StreamToken part) yield return part;
                break;
        }
    }

    private IToken? Resolve(IToken? token) =>
        token is IndirectReferenceToken reference ? structure.GetObject(reference.Data)?.Data : token;

    private Memory<byte> Decode(StreamToken stream)
    {
        var data = stream.Data;
        var chain = filters.GetFilters(stream.StreamDictionary);
        for (var i = 0; i < chain.Count; i++) data = chain[i].Decode(data, stream.StreamDictionary, filters, i);
        return data;
    }

    /// <summary>Operators (bare words, and the ' and " text operators) and how many of them are "Do".</summary>
    public static (long Operators, long Draws) Count(ReadOnlySpan<byte> content)
    {
        long operators = 0, draws = 0;
        var i = 0;
        while (i < content.Length)
        {
            var c = content[i];
            if (c == '(') { i = SkipString(content, i); continue; }
            if (c == '<' && i + 1 < content.Length && content[i + 1] != '<') { i = SkipPast(content, i, (byte)'>'); continue; }
            if (c == '%') { i = SkipPast(content, i, (byte)'\n'); continue; }
            if (c == '/') { i = SkipWord(content, i + 1); continue; }
            if (c is (byte)'\'' or (byte)'"') { operators++; i++; continue; }
            if (IsLetter(c))
            {
                var end = SkipWord(content, i);
                operators++;
                if (end - i == 2 && c == 'D' && content[i + 1] == 'o') draws++;
                i = end;
                continue;
            }
            i++;
        }
        return (operators, draws);
    }

    private static bool IsLetter(byte c) => c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or (byte)'*';

    private static int SkipWord(ReadOnlySpan<byte> content, int i)
    {
        while (i < content.Length && !IsDelimiter(content[i])) i++;
        return i;
    }

    private static bool IsDelimiter(byte c) =>
        c is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0 or (byte)'(' or (byte)')' or (byte)'<' or (byte)'>'
            or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    private static int SkipPast(ReadOnlySpan<byte> content, int i, byte end)
    {
        var at = content[(i + 1)..].IndexOf(end);
        return at < 0 ? content.Length : i + 1 + at + 1;
    }

    /// <summary>Past a literal string: balanced parentheses, backslash escapes.</summary>
    private static int SkipString(ReadOnlySpan<byte> content, int i)
    {
        var depth = 0;
        for (; i < content.Length; i++)
        {
            switch (content[i])
            {
                case (byte)'\\': i++; break;
                case (byte)'(': depth++; break;
                case (byte)')':
                    if (--depth == 0) return i + 1;
                    break;
            }
        }
        return content.Length;
    }
}
