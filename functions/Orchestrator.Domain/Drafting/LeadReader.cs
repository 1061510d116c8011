using System.Text.RegularExpressions;
using Orchestrator.Domain.Agencies;

namespace Orchestrator.Domain.Drafting;

/// <summary>Who leads an item and who coordinates, as written, with the rule that found them.</summary>
public sealed record LeadFinding(IReadOnlyList<AgencyMention> Leads, IReadOnlyList<AgencyMention> Coordinating, double Confidence, string Rule)
{
    public static readonly LeadFinding None = new([], [], 0, "no lead found");
    public bool Found => Leads.Count > 0;
}

/// <summary>
/// Reads the lead of a task sentence, in this order: "giao X ...", "X (- apposition -) chủ trì",
/// "yêu cầu / đề nghị X ...", and a sentence that opens with an agency ("Bộ Y tế đề xuất ...",
/// possibly after its deadline: "Đầu quý IV năm 2023 các Hội đồng ... họp"). Coordinators follow
/// "phối hợp (với)" or "cùng (với)". A joint instruction stays one lead with coordinators; a list
/// of agencies as the subject gives several leads.
/// </summary>
public sealed partial class LeadReader(AgencyFinder finder)
{
    /// <summary>
    /// How many places of each rule one sentence is tried at. A real sentence has a few; a letter
    /// made of "chủ trì chủ trì ..." has tens of thousands, and each try reads a window around it,
    /// so without this bound one sentence cost minutes of CPU.
    /// </summary>
    internal const int MaxTries = 16;

    /// <summary>How many words of a heading are tried as the start of an agency's name.</summary>
    internal const int MaxHeadingWords = 200;

    public LeadFinding Read(string text)
    {
        foreach (var m in AssignRegex().Matches(text).Take(MaxTries))
        {
            var leads = Leads(text, m.Index + m.Length);
            if (leads.Count > 0) return With(text, leads, 0.9, $"the agency after \"{m.Groups["w"].Value}\"");
        }
        foreach (var m in ChairRegex().Matches(text).Take(MaxTries))
        {
            var before = AgencyEndingAt(text, m.Index);
            if (before.Count > 0) return With(text, before, 0.9, "the agency before \"chủ trì\"");
        }
        foreach (var m in RequestRegex().Matches(text).Take(MaxTries))
        {
            var leads = Leads(text, m.Index + m.Length);
            if (leads.Count > 0) return With(text, leads, 0.8, $"the agency after \"{m.Groups["w"].Value}\"");
        }
        var opening = OpeningDeadlineRegex().Match(text);
        var start = opening.Success ? opening.Length : 0;
        var subject = Leads(text, start);
        if (subject.Count > 0) return With(text, subject, 0.75, "the agency that opens the sentence");
        return LeadFinding.None;
    }

    /// <summary>For a heading with no task sentence ("Về yêu cầu đối với hoạt động của các Hội đồng
    /// điều phối vùng"): the first agency the directory knows, anywhere in it.</summary>
    public LeadFinding Mentioned(string text)
    {
        foreach (var w in WordStartRegex().Matches(text).Take(MaxHeadingWords))
        {
            var mention = finder.At(text, w.Index);
            if (mention?.Agency is { Kind: not AgencyKind.Descriptive }) return new([mention], [], 0.5, "the agency the heading names");
        }
        return LeadFinding.None;
    }

    /// <summary>Coordinators only ("Chủ trì, phối hợp với Bộ Tài chính ..." under a heading that names the lead).</summary>
    public IReadOnlyList<AgencyMention> Coordinators(string text)
    {
        var m = CoordinateRegex().Match(text);
        return m.Success ? CoordinatorList(text, m.Index + m.Length) : [];
    }

    private IReadOnlyList<AgencyMention> Leads(string text, int index)
    {
        var list = finder.ListAt(text, index);
        return list.Where(a => a.Agency?.Kind != AgencyKind.Descriptive).ToList() is { Count: > 0 } leads && leads.Count == list.Count ? leads : [];
    }

    private LeadFinding With(string text, IReadOnlyList<AgencyMention> leads, double confidence, string rule)
    {
        // "phối hợp" within 80 characters of the lead's name (the window holds the whole phrase).
        var end = leads[^1].End;
        var m = CoordinateRegex().Match(text, end, AgencyFinder.Reach(text, end, 120));
        var coordinating = m.Success && m.Index - end < 80 ? CoordinatorList(text, m.Index + m.Length) : [];
        return new(leads, coordinating, leads.Any(l => l.Agency is null) ? confidence - 0.15 : confidence, rule);
    }

    private IReadOnlyList<AgencyMention> CoordinatorList(string text, int index)
    {
        var descriptive = DescriptiveRegex().Match(text, index, AgencyFinder.Reach(text, index));
        if (descriptive.Success) return [new AgencyMention(descriptive.Value, index, index + descriptive.Length, finder.Resolve(descriptive.Value))];
        var list = new List<AgencyMention>();
        foreach (var mention in finder.ListAt(text, index))
        {
            list.Add(mention);
        }
        if (list.Count > 0)
        {
            var tail = SeparatorDescriptiveRegex().Match(text, list[^1].End, AgencyFinder.Reach(text, list[^1].End));
            if (tail.Success)
            {
                // Group indexes count from the start of the text, not of the window.
                var d = tail.Groups["d"];
                list.Add(new AgencyMention(d.Value, d.Index, d.Index + d.Length, finder.Resolve(d.Value)));
            }
        }
        return list;
    }

    /// <summary>Agencies whose name ends just before <paramref name="index"/> (allowing a comma or a
    /// dash-enclosed apposition: "Bộ Kế hoạch và Đầu tư - cơ quan thường trực ... - chủ trì").</summary>
    private IReadOnlyList<AgencyMention> AgencyEndingAt(string text, int index)
    {
        var window = Math.Max(0, index - 200);
        foreach (Match w in WordStartRegex().Matches(text[window..index]))
        {
            var at = window + w.Index;
            var leads = finder.ListAt(text, at);
            if (leads.Count == 0 || leads.Any(l => l.Agency?.Kind == AgencyKind.Descriptive)) continue;
            var gap = text[leads[^1].End..index];
            if (GapRegex().IsMatch(gap)) return leads;
        }
        return [];
    }

    [GeneratedRegex(@"(?<!\p{L})(?<w>[Gg]iao)\s+(?:cho\s+)?(?!thông|thương|dịch|đất|nhận|lưu|ban|ước|tiếp|kết)")]
    private static partial Regex AssignRegex();

    [GeneratedRegex(@"(?<!\p{L})chủ trì(?!\p{L})")]
    private static partial Regex ChairRegex();

    [GeneratedRegex(@"(?<!\p{L})(?<w>[Yy]êu cầu|[Đđ]ề nghị)\s+(?:(?:đồng chí|các đồng chí)\s+)?")]
    private static partial Regex RequestRegex();

    [GeneratedRegex(@"(?<!\p{L})(?:phối hợp(?:\s+chặt chẽ)?(?:\s+với)?|cùng với|cùng)\s+")]
    private static partial Regex CoordinateRegex();

    [GeneratedRegex(@"^các\s+(?:Bộ|bộ|cơ quan|địa phương|ngành|đơn vị)[\p{L}\s,]*?(?:có\s+)?liên quan", RegexOptions.IgnoreCase)]
    private static partial Regex DescriptiveRegex();

    [GeneratedRegex(@"^\s*(?:,|và|,\s*và)\s+(?<d>các\s+(?:Bộ|bộ|cơ quan|địa phương|ngành|đơn vị)[\p{L}\s,]*?(?:có\s+)?liên quan)")]
    private static partial Regex SeparatorDescriptiveRegex();

    [GeneratedRegex(@"^\s*(?:,\s*)?(?:-[^-]{1,150}-\s*)?(?:,\s*)?$")]
    private static partial Regex GapRegex();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])[\p{L}]")]
    private static partial Regex WordStartRegex();

    [GeneratedRegex(@"^(?:đầu|giữa|cuối|trong|trước)\s+[\p{L}\d\s/]{2,30}?\d{4}\s*,?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex OpeningDeadlineRegex();
}
