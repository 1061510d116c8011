namespace Orchestrator.Domain.Common;

/// <summary>
/// What any free text a caller sends must be, wherever it is stored: not longer than its field's
/// limit (Table Storage holds at most 32K characters in a property, and one entity at most 1 MiB),
/// no control characters (a NUL, or a line break where one line is expected), and valid UTF-16 (a
/// lone surrogate from a "\ud800" escape cannot be written to storage). Checked at the door, so a
/// value that is accepted never fails the item later.
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
        }
        return null;
    }
}
