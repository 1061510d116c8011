namespace Orchestrator.Workflows.Drafting;

/// <summary>
/// What reading one letter may cost. A letter is a few pages; these bounds are far above any real
/// one and far below what would hurt the host (docs/http-api.md, "Limits"): a file that needs more
/// is refused with a 4xx naming the bound, before the work that would cost it.
/// </summary>
public static class LetterLimits
{
    /// <summary>The letter file as uploaded.</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>The letter's text: a directive letter is a few pages.</summary>
    public const int MaxCharacters = 200_000;

    /// <summary>The parts of a .docx unpacked, all together (the zip's headers may lie, so counted while unpacking too).</summary>
    public const long MaxDocxUnpackedBytes = 32 * 1024 * 1024;

    /// <summary>The entries of a .docx (a real one has a few dozen).</summary>
    public const int MaxDocxEntries = 1000;

    /// <summary>Characters of one XML part of a .docx (also the Open XML SDK's <c>MaxCharactersInPart</c>).</summary>
    public const long MaxDocxPartCharacters = 16 * 1024 * 1024;

    /// <summary>How deep XML elements may nest in a .docx part (a real document nests a few dozen deep;
    /// a recursive reader would overflow its stack at tens of thousands).</summary>
    public const int MaxXmlDepth = 256;

    /// <summary>Pages of a PDF letter.</summary>
    public const int MaxPdfPages = 200;

    /// <summary>Content operators all the PDF's pages may run (counted before a page is parsed): a
    /// letter of 200,000 characters placed one by one runs about twice that.</summary>
    public const long MaxPdfOperators = 500_000;

    /// <summary>Bytes one PDF stream may decode to.</summary>
    public const long MaxPdfStreamBytes = 16 * 1024 * 1024;

    /// <summary>Bytes all the PDF's streams may decode to, together.</summary>
    public const long MaxPdfDecodedBytes = 64 * 1024 * 1024;

    /// <summary>How long one draft may take, reading and all, before it is given up (503).</summary>
    public static readonly TimeSpan MaxDraftTime = TimeSpan.FromSeconds(10);
}

/// <summary>A letter is larger than a bound of <see cref="LetterLimits"/> (a 413 for the caller); the message names the bound.</summary>
public sealed class LetterTooLargeException(string message) : Exception(message);
