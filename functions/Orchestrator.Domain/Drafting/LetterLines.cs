using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Domain.Drafting;

/// <summary>One line of the letter as given, numbered from 1, trimmed, in NFC.</summary>
public sealed record LetterLine(int Number, string Text);

/// <summary>A paragraph rebuilt from lines: copies from PDFs and portal pages break sentences
/// across lines, so a line joins the previous one unless something starts a new paragraph.</summary>
public sealed record LetterParagraph(int FromLine, int ToLine, string Text);

public static partial class LetterLines
{
    public static IReadOnlyList<LetterLine> Split(string text)
    {
        var lines = text.Normalize(NormalizationForm.FormC).Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        return lines.Select((l, i) => new LetterLine(i + 1, Clean(l))).ToList();
    }

    private static string Clean(string line) =>
        SpacesRegex().Replace(line.Replace('\u00A0', ' ').Replace('\u200B', ' ').Replace('\t', ' '), " ").Trim().Trim('|').Trim();

    /// <summary>Paragraphs of <paramref name="lines"/>: a blank line, a numbering label, or a previous
    /// line ending a sentence (". ; : ! ?") starts a new one; anything else continues the line before.</summary>
    public static IReadOnlyList<LetterParagraph> Paragraphs(IEnumerable<LetterLine> lines)
    {
        var result = new List<LetterParagraph>();
        LetterParagraph? open = null;
        foreach (var line in lines)
        {
            if (line.Text.Length == 0)
            {
                if (open is not null) result.Add(open);
                open = null;
                continue;
            }
            var startsNew = open is null || ItemLabels.StartsWithLabel(line.Text) || EndsSentence(open.Text);
            if (startsNew)
            {
                if (open is not null) result.Add(open);
                open = new LetterParagraph(line.Number, line.Number, line.Text);
            }
            else
            {
                open = open! with { ToLine = line.Number, Text = open.Text + " " + line.Text };
            }
        }
        if (open is not null) result.Add(open);
        return result;
    }

    private static bool EndsSentence(string text) => text.Length > 0 && ".;:!?".Contains(text[^1]);

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpacesRegex();
}
