using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Domain.Directives;

/// <summary>
/// The one grammar of the parts that make an item's address: a directive's number and code, the
/// directive id made of them, and item labels. Import refuses what does not match, and every route,
/// instance id and link checks the same rules, so whatever import accepts can be reached.
/// </summary>
/// <remarks>
/// Letters (any script, so Vietnamese "đ" and codes such as "NĐ-CP"), digits 0-9, and single
/// separators between them: "-" in codes, ".", "-" or "_" in labels. That leaves out what breaks an
/// address: ":" (the instance id separator), "/", "\", "#", "?" and control characters (refused in
/// Table Storage keys), "%", spaces, and a leading, trailing or doubled separator (some hosts strip a
/// trailing dot from a URL). Text must be in Unicode NFC, the form a URL or a form post carries.
/// Patterns end in \z: "$" would accept a trailing newline.
/// </remarks>
public static partial class IdGrammar
{
    public const int NumberMaxLength = 20;
    public const int CodeMaxLength = 40;
    public const int LabelMaxLength = 64;
    /// <summary>Year (up to 4 digits), number and code joined with dashes.</summary>
    public const int DirectiveIdMaxLength = 4 + 1 + NumberMaxLength + 1 + CodeMaxLength;

    public const string NumberExpected = "letters and digits only (at most 20), such as \"6411\"";
    public const string CodeExpected =
        "letters and digits in parts joined by single dashes (at most 40), such as \"VPCP-KTTH\" or \"NĐ-CP\"; no \"/\", \":\" or spaces";
    public const string LabelExpected =
        "letters and digits in parts joined by single dots, dashes or underscores (at most 64), such as \"2.a.3\" or \"2.đ\"; no \"/\", \":\" or spaces";
    public const string DirectiveIdExpected = "year-number-code, such as 2023-6411-VPCP-KTTH";

    public static bool IsNumber(string? value) => Matches(value, NumberMaxLength, NumberPattern());
    public static bool IsCode(string? value) => Matches(value, CodeMaxLength, CodePattern());
    public static bool IsLabel(string? value) => Matches(value, LabelMaxLength, LabelPattern());
    public static bool IsDirectiveId(string? value) => Matches(value, DirectiveIdMaxLength, DirectiveIdPattern());

    // The pattern runs first: it refuses lone surrogates, on which IsNormalized would throw.
    private static bool Matches(string? value, int maxLength, Regex pattern) =>
        value is { Length: > 0 } && value.Length <= maxLength && pattern.IsMatch(value) && value.IsNormalized(NormalizationForm.FormC);

    [GeneratedRegex(@"^[\p{L}0-9]+\z")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^[\p{L}0-9]+(?:-[\p{L}0-9]+)*\z")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[\p{L}0-9]+(?:[._-][\p{L}0-9]+)*\z")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^[0-9]{1,4}-[\p{L}0-9]+-[\p{L}0-9]+(?:-[\p{L}0-9]+)*\z")]
    private static partial Regex DirectiveIdPattern();
}
