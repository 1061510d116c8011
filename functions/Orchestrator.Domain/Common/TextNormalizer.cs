using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Domain.Common;

/// <summary>
/// Makes Vietnamese text comparable: documents arrive in NFC or NFD, with odd spacing,
/// non-breaking spaces and assorted dashes.
/// </summary>
public static partial class TextNormalizer
{
    /// <summary>NFC, lower case, one ASCII space between words, trimmed. Keeps diacritics:
    /// "ngày" (day) and "ngay" (immediately) must stay different words.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return string.Empty;
        var s = text.Normalize(NormalizationForm.FormC).ToLower(CultureInfo.InvariantCulture);
        s = s.Replace('\u2013', '-').Replace('\u2014', '-').Replace('\u2212', '-');
        s = SpacesRegex().Replace(s, " ");
        return s.Trim();
    }

    /// <summary>For fuzzy agency look-up only: diacritics removed, đ→d, "&amp;" and punctuation dropped.
    /// Also absorbs old/new tone placement ("hoà"/"hòa").</summary>
    public static string Fold(string? text)
    {
        var s = Normalize(text).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var ch = c == 'đ' ? 'd' : c;
            sb.Append(char.IsLetterOrDigit(ch) ? ch : ' ');
        }
        return SpacesRegex().Replace(sb.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"[\s\u00A0\u200B]+")]
    private static partial Regex SpacesRegex();
}
