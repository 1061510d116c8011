using System.Text;

namespace Orchestrator.Domain.Common;

/// <summary>
/// What any free text a caller sends must be, wherever it is stored: not longer than its field's
/// limit (Table Storage holds at most 32K characters in a property, and one entity at most 1 MiB),
/// no control characters (a NUL, or a line break where one line is expected), valid UTF-16 (a
/// lone surrogate from a "\ud800" escape cannot be written to storage), and nothing XML 1.0
/// forbids (U+FFFE, U+FFFF): every text ends up in a workbook, a report or an email, and one such
/// character made the .xlsx writer throw for every export that included its row. Checked at the
/// door, so a value that is accepted never fails the item, or anyone's export, later.
/// </summary>
public static class TextRules
{
    /// <summary>What is wrong with <paramref name="value"/>, or null when it is fine (null itself is fine).</summary>
    /// <param name="multiline">Line breaks and tabs are allowed (notes, reasons, task texts).</param>
    public static string? Problem(string? value, int maxLength, bool multiline = false)
    {
        if (value is null) return null;
        if (value.Length > maxLength) return $"at most {maxLength} characters; got {value.Length}";
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return $"valid Unicode text; character {i} is half of a surrogate pair";
            if (multiline && c is '\n' or '\r' or '\t') continue;
            if (char.IsControl(c))
                return $"text without control characters{(multiline ? "" : " or line breaks")}; character {i} is U+{(int)c:X4}";
            if (IsNonCharacter(c)) return $"text without non-characters; character {i} is U+{(int)c:X4}, which XML and documents cannot hold";
        }
        return null;
    }

    /// <summary>U+FFFE and U+FFFF: valid UTF-16, but not characters XML 1.0 (and so .xlsx, .docx) may hold.</summary>
    private static bool IsNonCharacter(char c) => c is '\uFFFE' or '\uFFFF';

    /// <summary>
    /// <paramref name="value"/> without what XML 1.0 cannot hold (controls but tab, CR and LF; lone
    /// surrogates; U+FFFE, U+FFFF): the second line of defence of the document writers, for text
    /// stored before <see cref="Problem"/> refused it, so one old row cannot break an export for everyone.
    /// </summary>
    public static string ForXml(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        StringBuilder? clean = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            var keep = pair || (!char.IsSurrogate(c) && !IsNonCharacter(c) && (c >= ' ' || c is '\n' or '\r' or '\t'));
            if (!keep) { clean ??= new StringBuilder(value, 0, i, value.Length); continue; }
            clean?.Append(c);
            if (pair) { clean?.Append(value[i + 1]); i++; }
        }
        return clean?.ToString() ?? value;
    }
}
