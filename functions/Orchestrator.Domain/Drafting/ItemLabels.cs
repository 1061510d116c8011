using System.Text.RegularExpressions;

namespace Orchestrator.Domain.Drafting;

/// <summary>The numbering styles of Vietnamese administrative letters (Decree 30/2020/NĐ-CP
/// layout): "I.", "1.", "1.1.", "a)", "(1)", "(a)", "-", "+". The style decides the nesting: a
/// style not seen yet on the current path opens a deeper level; one seen already closes back to it.</summary>
public static partial class ItemLabels
{
    public sealed record Label(string Style, string? Value, string Rest, string Marker);

    public static bool StartsWithLabel(string line) => Read(line) is not null;

    public static Label? Read(string line)
    {
        Match m;
        if ((m = RomanRegex().Match(line)).Success) return new("roman", m.Groups["l"].Value, line[m.Length..], m.Value.Trim());
        if ((m = DecimalRegex().Match(line)).Success) return new("decimal", m.Groups["l"].Value.TrimEnd('.'), line[m.Length..], m.Value.Trim());
        if ((m = NumberRegex().Match(line)).Success) return new("number", m.Groups["l"].Value, line[m.Length..], m.Value.Trim());
        if ((m = LetterRegex().Match(line)).Success) return new("letter", m.Groups["l"].Value, line[m.Length..], m.Value.Trim());
        if ((m = ParenNumberRegex().Match(line)).Success) return new("paren-number", m.Groups["l"].Value, line[m.Length..], m.Value.Trim());
        if ((m = ParenLetterRegex().Match(line)).Success) return new("paren-letter", m.Groups["l"].Value, line[m.Length..], m.Value.Trim());
        if ((m = DashRegex().Match(line)).Success) return new("dash", null, line[m.Length..], m.Value.Trim());
        if ((m = PlusRegex().Match(line)).Success) return new("plus", null, line[m.Length..], m.Value.Trim());
        return null;
    }

    [GeneratedRegex(@"^(?<l>(?:IX|IV|V?I{1,3}|VI{0,3}|X))\s*[\.\-/]\s+(?=\p{L})")]
    private static partial Regex RomanRegex();
    [GeneratedRegex(@"^(?<l>\d{1,2}(?:\.\d{1,2})+\.?)\s+(?=\p{L})")]
    private static partial Regex DecimalRegex();
    [GeneratedRegex(@"^(?<l>\d{1,2})\s*[\.\)]\s*(?=\p{L}|“|"")")]
    private static partial Regex NumberRegex();
    [GeneratedRegex(@"^(?<l>[a-zđ])\s*\)\s*(?=\S)")]
    private static partial Regex LetterRegex();
    [GeneratedRegex(@"^\((?<l>\d{1,2})\)\s*(?=\S)")]
    private static partial Regex ParenNumberRegex();
    [GeneratedRegex(@"^\((?<l>[a-zđ])\)\s*(?=\S)")]
    private static partial Regex ParenLetterRegex();
    [GeneratedRegex(@"^[\-–•]\s*(?=\p{L}|“|"")")]
    private static partial Regex DashRegex();
    [GeneratedRegex(@"^\+\s*(?=\p{L})")]
    private static partial Regex PlusRegex();
}
