using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Domain.Deadlines;

/// <summary>The time words of a phrase once the words around them are set aside, with what was set
/// aside (for the rule) and whether an urgency word stood before them.</summary>
internal sealed record PeeledPhrase(string Core, bool Urgent, IReadOnlyList<string> Notes)
{
    /// <summary>The notes as the start of a rule: "…; …; " (empty when nothing was set aside).</summary>
    public string RulePrefix => Notes.Count == 0 ? "" : string.Join("; ", Notes) + "; ";
}

/// <summary>
/// Real letters put the deadline inside a clause: "Khẩn trương hoàn thành, báo cáo Thủ tướng Chính
/// phủ trước ngày 15/3/2025". This sets aside what names the work (leading verbs and their object)
/// and the urgency words before it, so the interpreter reads only the time words. It never drops
/// a number: an object may not hold a digit, so "báo cáo kết quả 5 năm trước ngày …" stays unreadable.
/// </summary>
internal static partial class DeadlineWording
{
    /// <summary>Urgency words that may stand before the rest of the phrase.</summary>
    [GeneratedRegex(@"^(?<w>khẩn trương|kịp thời|gấp rút|sớm|gấp|ngay)(?=[\s,;]|$)[\s,;]*(?<rest>.*)$")]
    private static partial Regex UrgencyLeadRegex();

    /// <summary>Verbs that name the work, not the time ("hoàn thành trong quý IV" = "trong quý IV").</summary>
    [GeneratedRegex(@"^(?<w>hoàn thành|hoàn thiện|xong|tổ chức thực hiện|thực hiện|triển khai|tổ chức|tổng hợp|báo cáo|trình|gửi|ban hành)(?=[\s,;]|$)[\s,;]*(?<rest>.*)$")]
    private static partial Regex VerbLeadRegex();

    /// <summary>Where the time words start after a verb's object: the first deadline word, or the first digit.</summary>
    [GeneratedRegex(@"(?<=^|\s)(?:(?:trước|chậm nhất|muộn nhất|không muộn hơn|không chậm hơn|không quá|trong|vào|đến|hạn|ngay|thường xuyên|liên tục|định kỳ|(?:hằng|hàng|mỗi) (?:ngày|tuần|tháng|quý|năm)|(?:đầu|giữa|cuối) (?:tháng|quý|năm)|quý|tháng|năm|ngày|giai đoạn|nửa)(?=[\s/,;.]|$)|\d)")]
    private static partial Regex TimeStartRegex();

    public static PeeledPhrase Peel(string phrase)
    {
        var p = phrase;
        var urgent = false;
        var notes = new List<string>();
        var work = new StringBuilder(); // "hoàn thành, báo cáo thủ tướng chính phủ"
        while (true)
        {
            Match m;
            if ((m = UrgencyLeadRegex().Match(p)).Success)
            {
                urgent = true;
                notes.Add($"\"{m.Groups["w"].Value}\" marks the item urgent");
                p = m.Groups["rest"].Value;
                continue;
            }
            if ((m = VerbLeadRegex().Match(p)).Success)
            {
                work.Append(work.Length > 0 ? ", " : "").Append(m.Groups["w"].Value);
                p = m.Groups["rest"].Value;
                if (UrgencyLeadRegex().IsMatch(p) || VerbLeadRegex().IsMatch(p)) continue;
                // The verb's object (whom to report to, what to submit) runs up to the time words.
                var start = TimeStartRegex().Match(p);
                var cut = start.Success ? start.Index : p.Length;
                var obj = p[..cut].Trim().TrimEnd(',', ';').Trim();
                if (obj.Length > 0) work.Append(' ').Append(obj);
                p = p[cut..];
                continue; // an urgency word may follow: "triển khai ngay trong tháng 01/2025"
            }
            break;
        }
        if (work.Length > 0) notes.Add($"leading \"{work}\" names the work, not the time");
        return new PeeledPhrase(p.Trim(), urgent, notes);
    }

    [GeneratedRegex(@"^(?:thường xuyên|liên tục)$")]
    private static partial Regex StandingWordRegex();

    [GeneratedRegex(@"\s*(?:[,;/\-]|\bvà\b)\s*")]
    private static partial Regex ListSeparatorRegex();

    /// <summary>"thường xuyên", "liên tục" however joined: "thường xuyên; liên tục", "liên tục và thường xuyên".</summary>
    public static bool IsStanding(string core)
    {
        var parts = ListSeparatorRegex().Split(core).Where(s => s.Length > 0).ToList();
        return parts.Count > 0 && parts.All(s => StandingWordRegex().IsMatch(s));
    }

    [GeneratedRegex(@"^(?<periodic>định kỳ)?[\s,]*(?<list>.+)$")]
    private static partial Regex RecurringRegex();

    [GeneratedRegex(@"^(?:(?<every>hằng|hàng|mỗi)\s+)?(?:(?<n>\d{1,2}|[\p{L}]+(?: [\p{L}]+)?)\s+)?(?<unit>tháng|quý|năm)(?:\s+(?<once>(?:một|1) lần))?$")]
    private static partial Regex PeriodRegex();

    [GeneratedRegex(@"\s*(?:[,;/]|\bvà\b|\bhoặc\b)\s*")]
    private static partial Regex PeriodSeparatorRegex();

    /// <summary>"định kỳ hằng quý" (3), "hằng năm" (12), "định kỳ 2 năm/lần" (24), "định kỳ hằng
    /// tháng/quý/năm" (1: the shortest period, so no period goes without a check-in); null otherwise.</summary>
    public static int? RecurrenceMonths(string core)
    {
        var m = RecurringRegex().Match(core.Replace("/lần", " một lần", StringComparison.Ordinal));
        if (!m.Success) return null;
        var periodic = m.Groups["periodic"].Success;
        var months = new List<int>();
        var every = false;
        foreach (var part in PeriodSeparatorRegex().Split(m.Groups["list"].Value).Where(s => s.Length > 0))
        {
            var p = PeriodRegex().Match(part);
            if (!p.Success) return null;
            every |= p.Groups["every"].Success;
            var n = 1;
            if (p.Groups["n"].Success && !VietnameseNumbers.TryParse(p.Groups["n"].Value, out n)) return null;
            // A bare count needs "định kỳ" or "một lần" ("6 tháng" alone is a period from the issue date);
            // a bare unit in a list takes the "hằng" before it ("hằng tháng/quý/năm").
            var recurring = p.Groups["every"].Success || (p.Groups["n"].Success ? periodic || p.Groups["once"].Success : every);
            if (!recurring || n < 1) return null;
            months.Add(n * p.Groups["unit"].Value switch { "tháng" => 1, "quý" => 3, _ => 12 });
        }
        return months.Count == 0 ? null : months.Min();
    }
}
