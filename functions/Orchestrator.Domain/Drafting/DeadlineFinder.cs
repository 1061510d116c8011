using System.Text.RegularExpressions;

namespace Orchestrator.Domain.Drafting;

/// <summary>The deadline words of an item, exactly as written, for the deadline interpreter to read.</summary>
public sealed record DeadlineFinding(string? Phrase, bool Urgent, bool Standing, double Confidence, string Rule);

/// <summary>
/// Finds the deadline in an item's text: a time expression after a deadline word ("trước ngày
/// 01 tháng 04 năm 2017", "trong quý IV năm 2023", "chậm nhất là ngày 15/3/2025") or opening the
/// sentence ("Đầu tháng 12 năm 2023 ..."); else an urgency word ("khẩn trương", "ngay", "sớm");
/// else a standing duty ("thường xuyên"). A time expression elsewhere (the title of a plan, "Kế
/// hoạch năm 2024") is content, not a deadline. Urgency beside a date is kept as a flag.
/// </summary>
public static partial class DeadlineFinder
{
    private const string Time =
        @"(?:ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}" +
        @"|(?:ngày\s+)?\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{4}" +
        @"|(?:(?:đầu|giữa|cuối|hết)\s+)?quý\s+(?:IV|I{1,3}|[1-4])(?:\s*(?:năm\s+|/\s*)\d{4})?" +
        @"|(?:(?:đầu|giữa|cuối|hết)\s+)?tháng\s+\d{1,2}(?:\s*(?:năm\s+|/\s*)\d{4})?" +
        @"|(?:6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm\s+\d{4}" +
        @"|(?:(?:đầu|giữa|cuối|hết)\s+)?năm\s+\d{4}" +
        @"|(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}(?![\d/])" +
        @"|(?:vòng\s+|thời hạn\s+)?\d{1,3}\s+(?:ngày làm việc|ngày|tuần|tháng)(?:\s+(?:kể từ|tính từ)\s+ngày\s+(?:ký|ban hành)(?:\s+văn bản)?(?:\s+này)?)?)";

    private const string Before =
        @"(?:(?:hoàn thành|xong)\s+)?(?:trước\s+hoặc\s+trong|trước|chậm nhất là|chậm nhất vào|chậm nhất|không muộn hơn|muộn nhất là|muộn nhất|trong|đến hết|đến|vào|hạn chót)";

    [GeneratedRegex($@"(?<![\p{{L}}\d])(?<p>{Before}\s+{Time})(?![\p{{L}}\d])", RegexOptions.IgnoreCase)]
    private static partial Regex DatedRegex();

    [GeneratedRegex($@"^(?<p>(?:đầu|giữa|cuối|trong)\s+{Time})(?![\p{{L}}\d])", RegexOptions.IgnoreCase)]
    private static partial Regex OpeningRegex();

    [GeneratedRegex(@"(?<!\p{L})(?:khẩn trương|ngay lập tức|ngay|gấp|khẩn cấp|hỏa tốc|hoả tốc|sớm|kịp thời)(?!\p{L})", RegexOptions.IgnoreCase)]
    private static partial Regex UrgentRegex();

    [GeneratedRegex(@"(?<!\p{L})thường xuyên(?:\s*[,;]?\s*(?:và\s+)?liên tục)?(?!\p{L})", RegexOptions.IgnoreCase)]
    private static partial Regex StandingRegex();

    public static DeadlineFinding Find(string text)
    {
        var urgent = UrgentRegex().Match(text);
        var opening = OpeningRegex().Match(text);
        var dated = DatedRegex().Matches(text);
        var date = dated.Count > 0 ? dated[^1].Groups["p"].Value : opening.Success ? opening.Groups["p"].Value : null;
        if (date is not null)
            return new(date.Trim(), urgent.Success, false, 0.85, dated.Count > 1
                ? "the last of several dated phrases; check which one is the deadline"
                : "a time expression after a deadline word");
        if (urgent.Success) return new(urgent.Value, true, false, 0.8, "an urgency word, no date");
        var standing = StandingRegex().Match(text);
        if (standing.Success) return new(standing.Value, false, true, 0.8, "a standing-duty word");
        return new(null, false, false, 0.7, "no deadline words found");
    }
}
