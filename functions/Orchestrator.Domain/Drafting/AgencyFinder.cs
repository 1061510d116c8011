using System.Text.RegularExpressions;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Drafting;

/// <summary>An agency named in the letter: the words as written, where, and the directory entry
/// they resolve to (null when the directory does not know them).</summary>
public sealed record AgencyMention(string Text, int Start, int End, Agency? Agency);

/// <summary>
/// Finds agency names in a sentence. Known names are matched against the directory (longest
/// match, ignoring case, diacritics, punctuation and even missing spaces, which copies from PDFs
/// lose); unknown ones are read from a head word ("Bộ", "Ủy ban nhân dân", "Tập đoàn", ...) up to
/// the verb that follows the name. Lists ("Các Bộ: A, B", "Bộ A, Bộ B") give several mentions.
/// </summary>
public sealed partial class AgencyFinder
{
    private const int MaxNameWords = 14;
    private const int MaxGenericWords = 20;

    /// <summary>
    /// How far after a position a name, a list head or a separator is looked for. Every look-ahead
    /// reads this window, never the rest of the letter: a copy or a scan to the end at each of a
    /// sentence's words made reading quadratic (a 200 KB letter of "giao cho ..." took minutes).
    /// </summary>
    internal const int LookAhead = 400;

    /// <summary>The most agencies one list names (the ministries and the 34 provinces are fewer): a
    /// longer run of names is read no further, so one sentence's cost stays bounded.</summary>
    internal const int MaxListLength = 100;

    /// <summary>The length of the look-ahead window at <paramref name="index"/>.</summary>
    internal static int Reach(string text, int index, int max = LookAhead) => Math.Max(0, Math.Min(max, text.Length - index));
    private readonly Dictionary<string, Agency> _byCompactName = new(StringComparer.Ordinal);

    public AgencyFinder(AgencyDirectory agencies)
    {
        foreach (var a in agencies.All)
            foreach (var name in a.Aliases.Prepend(a.Name))
                _byCompactName.TryAdd(Compact(name), a);
    }

    public Agency? Resolve(string name) => _byCompactName.GetValueOrDefault(Compact(name));

    private static string Compact(string text) => TextNormalizer.Fold(text).Replace(" ", "");

    /// <summary>The single agency named at <paramref name="index"/> (after spaces), or null.</summary>
    public AgencyMention? At(string text, int index)
    {
        var words = Words(text, index);
        if (words.Count == 0 || words[0].Index - index > 2) return null;
        // A lead named by its head's title ("Đồng chí Bộ trưởng Bộ Y tế") is the agency.
        var title = TitleRegex().Match(text, words[0].Index, Reach(text, words[0].Index));
        if (title.Success && At(text, words[0].Index + title.Length) is { } agency) return agency;
        return Known(text, words, "") ?? Generic(text, words);
    }

    /// <summary>One or several agencies named at <paramref name="index"/>: "Các Bộ: A, B, C",
    /// "Ủy ban nhân dân các tỉnh: A, B", "Bộ A, Bộ B và Bộ C", or a single name.</summary>
    public IReadOnlyList<AgencyMention> ListAt(string text, int index)
    {
        var lead = ListHeadRegex().Match(text, index, Reach(text, index));
        if (lead.Success)
        {
            var prefix = lead.Groups["ubnd"].Success ? lead.Groups["ubnd"].Value + " tỉnh " : "Bộ ";
            var list = PrefixedList(text, lead.Index + lead.Length, prefix);
            if (list.Count > 0) return list;
        }
        var first = At(text, index);
        if (first is null) return [];
        var mentions = new List<AgencyMention> { first };
        while (mentions.Count < MaxListLength)
        {
            var sep = SeparatorRegex().Match(text, mentions[^1].End, Reach(text, mentions[^1].End));
            if (!sep.Success) break;
            var next = At(text, sep.Index + sep.Length);
            if (next is null || !char.IsUpper(next.Text[0]) || next.Agency?.Kind == AgencyKind.Descriptive) break;
            mentions.Add(next);
        }
        return mentions;
    }

    /// <summary>The elements of a list whose head word was written once ("Các Bộ: Công Thương, Xây
    /// dựng" → "Bộ Công Thương", "Bộ Xây dựng").</summary>
    private List<AgencyMention> PrefixedList(string text, int index, string prefix)
    {
        var result = new List<AgencyMention>();
        var at = index;
        while (result.Count < MaxListLength)
        {
            var words = Words(text, at);
            if (words.Count == 0) break;
            var element = Known(text, words, prefix) ?? GenericTail(text, words, prefix);
            if (element is null) break;
            result.Add(element);
            var sep = SeparatorRegex().Match(text, element.End, Reach(text, element.End));
            if (!sep.Success) break;
            at = sep.Index + sep.Length;
        }
        return result;
    }

    private AgencyMention? Known(string text, IReadOnlyList<Match> words, string prefix)
    {
        for (var n = Math.Min(MaxNameWords, words.Count); n >= 1; n--)
        {
            var start = words[0].Index;
            var end = words[n - 1].Index + words[n - 1].Length;
            var span = text[start..end];
            if (span.IndexOfAny([';', ':', '.', '(', ')', '“', '"']) >= 0) continue;
            if (_byCompactName.TryGetValue(Compact(prefix + span), out var agency))
                return new AgencyMention(prefix + span, start, end, agency);
        }
        return null;
    }

    private static AgencyMention? Generic(string text, IReadOnlyList<Match> words)
    {
        var head = HeadRegex().Match(text, words[0].Index, Reach(text, words[0].Index));
        if (!head.Success) return null;
        var end = words[0].Index + head.Length;
        var headWords = Words(text, words[0].Index).TakeWhile(w => w.Index < end).Count();
        var tail = TailEnd(text, words, headWords);
        var stop = Math.Max(end, tail);
        return new AgencyMention(text[words[0].Index..stop].TrimEnd(), words[0].Index, stop, null);
    }

    private static AgencyMention? GenericTail(string text, IReadOnlyList<Match> words, string prefix)
    {
        if (words.Count == 0 || !char.IsUpper(words[0].Value[0])) return null;
        var stop = TailEnd(text, words, 0);
        if (stop <= words[0].Index) return null;
        return new AgencyMention(prefix + text[words[0].Index..stop], words[0].Index, stop, null);
    }

    /// <summary>End of a name's words from word <paramref name="from"/>: before a verb, a function
    /// word, or punctuation.</summary>
    private static int TailEnd(string text, IReadOnlyList<Match> words, int from)
    {
        var end = from == 0 ? words[0].Index : words[from - 1].Index + words[from - 1].Length;
        for (var i = from; i < words.Count && i < MaxGenericWords; i++)
        {
            var gap = text[end..words[i].Index];
            // "các tỉnh, thành phố trực thuộc Trung ương" is one name despite its comma.
            var cityAfterProvinces = gap.Trim() == "," && text.AsSpan(words[i].Index).StartsWith("thành phố", StringComparison.Ordinal)
                && text.AsSpan(0, end).EndsWith("tỉnh", StringComparison.Ordinal);
            if (i > 0 && gap.Trim().Length > 0 && gap.Trim() != "-" && !cityAfterProvinces) break;
            if (i > 0 && StopWordRegex().IsMatch(text.AsSpan(words[i].Index, Reach(text, words[i].Index)))) break;
            end = words[i].Index + words[i].Length;
        }
        return end;
    }

    private static List<Match> Words(string text, int index)
    {
        index = Math.Min(index, text.Length);
        var words = new List<Match>();
        for (var m = WordRegex().Match(text, index, Reach(text, index)); m.Success && words.Count < MaxGenericWords + 2; m = m.NextMatch())
            words.Add(m);
        return words;
    }

    [GeneratedRegex(@"[\p{L}\p{N}&]+")]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"^(?:[Đđ]ồng chí\s+)?(?:Bộ trưởng|Thủ trưởng|Chủ tịch|Giám đốc|Tổng Giám đốc|Chủ nhiệm)\s+(?=Bộ\s|Ủy ban|Uỷ ban|UBND|Ngân hàng|Văn phòng|Thanh tra|Tập đoàn|Tổng công ty|Ban\s)|^[Đđ]ồng chí\s+(?=\p{Lu})")]
    private static partial Regex TitleRegex();

    [GeneratedRegex(@"^\s*(?:,\s*và|,|và|;)\s+")]
    private static partial Regex SeparatorRegex();

    [GeneratedRegex(@"^\s*(?:(?:Bộ trưởng|Thủ trưởng)\s+)?(?:các|Các)\s+(?:Bộ|bộ)(?:\s*,\s*(?:ngành|cơ quan))?\s*:\s*|^\s*(?:(?:Chủ tịch)\s+)?(?<ubnd>Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+các\s+tỉnh(?:,\s*thành phố)?\s*:\s*")]
    private static partial Regex ListHeadRegex();

    // Head words of agency names the directory may not hold (it knows the ministries and a few groups).
    [GeneratedRegex(@"^(?:Bộ trưởng Bộ|Bộ trưởng|Bộ|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Ngân hàng|Tập đoàn|Tổng công ty|Công ty|Văn phòng|Thanh tra|Kiểm toán|Ban|Hội đồng|Đài|Thông tấn xã|Phòng Thương mại|Tổng cục|Cục|Sở|Ủy ban|Uỷ ban|Chủ tịch|Bí thư|Trung ương|Viện|Học viện|Đại học|Hội|Liên đoàn|Tổng Liên đoàn|các Bộ|các bộ|các cơ quan|các địa phương|các Hội đồng|các tỉnh|các Tập đoàn|các doanh nghiệp|Các Bộ|Các cơ quan|Các địa phương)(?!\p{L})")]
    private static partial Regex HeadRegex();

    [GeneratedRegex(@"^(?:chủ trì|phối hợp|cùng|khẩn trương|nghiên cứu|đề xuất|xây dựng|kiểm tra|xem xét|chỉ đạo|tổ chức|rà soát|báo cáo|có|thực hiện|triển khai|hoàn thành|xử lý|làm|tập trung|chủ động|theo|tiếp tục|trình|ban hành|hướng dẫn|giải quyết|bảo đảm|đảm bảo|khắc phục|để|về|tại|với|trong|trước|nâng cao|đẩy mạnh|đôn đốc|xác định|quan tâm|lãnh đạo|cần|phải|được|là|thông báo|nêu|biết|căn cứ|quyết liệt|khẩn|ngay|sớm|kịp thời|thường xuyên|họp|cho|nhằm|thì|sẽ|đã|đang|khi|vận động|tuyên truyền|phê duyệt|cung cấp|hỗ trợ|sơ kết|tổng kết|kiểm điểm|phụ trách|tham mưu|tiếp thu|hoàn thiện|sửa đổi|bổ sung|điều chỉnh|công bố|giám sát|theo dõi|ứng phó|phòng|chống)(?!\p{L})")]
    private static partial Regex StopWordRegex();
}
