using System.Text.RegularExpressions;
using Orchestrator.Domain.Agencies;
using Orchestrator.Domain.Deadlines;
using Orchestrator.Domain.Directives;

namespace Orchestrator.Domain.Drafting;

/// <summary>
/// Reads a letter's text into a <see cref="DirectiveDraft"/>. It invents nothing: a field it
/// cannot find stays empty and is flagged; a paragraph that is not an item is listed in
/// <see cref="DirectiveDraft.NotItems"/> with the reason.
/// Items: the leaves of the document's own numbering ("2.a.3"; dashes are counted within their
/// parent). A numbered paragraph with numbered children is a heading: its lead and coordinators
/// pass to its children, and "Về yêu cầu / quan điểm / mục tiêu ..." headings make standing
/// requirements. A letter without numbering gives one item per sentence that assigns work
/// ("giao", "yêu cầu", "chủ trì"), labelled 1, 2, ... in order.
/// </summary>
public sealed partial class DraftReader(AgencyDirectory agencies, DeadlineInterpreter interpreter)
{
    private readonly LeadReader _leads = new(new AgencyFinder(agencies));
    // Checked once per paragraph and item: a caller that gave up (or a deadline) stops the reading.
    private CancellationToken _cancel;

    /// <summary>The draft of a letter; <paramref name="cancel"/> stops the reading between paragraphs
    /// (an instance reads one letter at a time).</summary>
    public DirectiveDraft Read(string text, DateOnly today, CancellationToken cancel = default)
    {
        _cancel = cancel;
        var lines = LetterLines.Split(text);
        var header = HeaderReader.Read(lines);
        var sources = new Dictionary<string, FieldSource>(header.Sources);
        var flags = new List<DraftFlag>();
        var notItems = new List<UnplacedText>();

        var body = BodyLines(lines.Skip(header.BodyStart).Take(Math.Max(0, header.BodyEnd - header.BodyStart)));
        var paragraphs = LetterLines.Paragraphs(body);
        var unnumbered = new List<UnplacedText>();
        var nodes = Tree(paragraphs, unnumbered);
        if (nodes.Count > 0) notItems.AddRange(unnumbered);
        var items = new List<DraftItem>();
        if (nodes.Count > 0) Items(nodes, LeadIn(paragraphs, nodes[0].Paragraph), items, sources, notItems);
        else UnnumberedItems(paragraphs, items, sources, notItems);

        var issuerAgency = header.Issuer is null ? null : agencies.Resolve(header.Issuer);
        var directive = new DraftDirective
        {
            Number = header.Number, Code = header.Code, IssueDate = header.IssueDate,
            Issuer = issuerAgency?.Name ?? header.Issuer, Place = header.Place, Signer = header.Signer,
            Subject = header.Subject, Recipients = header.Recipients, DocumentType = header.DocumentType, Items = items,
        };
        Flag(flags, directive, sources);
        return new DirectiveDraft
        {
            Directive = directive, Sources = sources, Flags = flags, NotItems = notItems.OrderBy(n => n.FromLine).ToList(),
            Plan = new DraftPlanPreview(agencies, interpreter).Plan(directive, today),
        };
    }

    /// <summary>The body ends with "./." (Decree 30/2020/NĐ-CP): what follows on that line or after
    /// it ("Nơi nhận:", the copy list, a portal's own text) is not the letter's content, even when a
    /// copy glued it to the closing sentence or lost the "Nơi nhận:" line.</summary>
    private static IEnumerable<LetterLine> BodyLines(IEnumerable<LetterLine> lines)
    {
        foreach (var line in lines)
        {
            var end = line.Text.IndexOf("./.", StringComparison.Ordinal);
            if (end < 0) { yield return line; continue; }
            yield return line with { Text = line.Text[..(end + 3)] };
            yield break;
        }
    }

    private sealed class Node(LetterParagraph paragraph, string label, string text, string style)
    {
        public LetterParagraph Paragraph { get; } = paragraph;
        public string Label { get; } = label;
        public string Text { get; set; } = text;
        public string Style { get; } = style;
        public List<Node> Children { get; } = [];
    }

    /// <summary>Numbered paragraphs as a tree; unnumbered ones before the first number are the
    /// preamble, and after it they continue nothing we can prove, so they are listed.</summary>
    private static List<Node> Tree(IReadOnlyList<LetterParagraph> paragraphs, List<UnplacedText> notItems)
    {
        var roots = new List<Node>();
        var path = new List<Node>();
        var dashCounters = new Dictionary<Node, int>();
        var rootDashes = 0;
        foreach (var p in paragraphs)
        {
            var label = ItemLabels.Read(p.Text);
            if (label is null)
            {
                notItems.Add(new(p.FromLine, p.ToLine, p.Text, Closing(p.Text) ? "closing formula" : path.Count == 0 ? "preamble: no numbered task" : "unnumbered paragraph between numbered ones"));
                continue;
            }
            var depth = path.FindIndex(n => n.Style == label.Style);
            if (depth >= 0) path.RemoveRange(depth, path.Count - depth);
            var parent = path.Count > 0 ? path[^1] : null;
            string part;
            if (label.Value is null)
            {
                int count;
                if (parent is null) count = ++rootDashes;
                else { dashCounters.TryGetValue(parent, out count); dashCounters[parent] = ++count; }
                part = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else part = label.Value;
            var node = new Node(p, parent is null ? part : $"{parent.Label}.{part}", label.Rest.Trim(), label.Style);
            (parent?.Children ?? roots).Add(node);
            path.Add(node);
        }
        return roots;
    }

    private sealed record Context(LeadFinding Lead, bool Standing, string Label);

    /// <summary>A paragraph ending with ":" just before the first numbered item introduces them
    /// ("... giao Bộ Nông nghiệp và Phát triển nông thôn:"): it is their heading.</summary>
    private Context? LeadIn(IReadOnlyList<LetterParagraph> paragraphs, LetterParagraph first)
    {
        var before = paragraphs.LastOrDefault(p => p.ToLine < first.FromLine);
        if (before is null || !before.Text.TrimEnd().EndsWith(':')) return null;
        var lead = _leads.Read(LastSentence(before.Text));
        return lead.Found ? new Context(lead, false, $"introduction (line {before.FromLine})") : null;
    }

    private static string LastSentence(string text) => SentenceRegex().Split(text).Last(s => s.Trim().Length > 0).Trim();

    private void Items(List<Node> nodes, Context? context, List<DraftItem> items, Dictionary<string, FieldSource> sources, List<UnplacedText> notItems)
    {
        foreach (var node in nodes)
        {
            _cancel.ThrowIfCancellationRequested();
            if (node.Children.Count > 0)
            {
                var own = _leads.Read(node.Text);
                var lead = own.Found ? own : context?.Lead is { Found: true } inherited ? inherited : _leads.Mentioned(node.Text);
                var standing = (context?.Standing ?? false) || RequirementHeadingRegex().IsMatch(node.Text);
                notItems.Add(new(node.Paragraph.FromLine, node.Paragraph.ToLine, node.Text, $"heading of {node.Label}"));
                Items(node.Children, new Context(lead, standing, node.Label), items, sources, notItems);
                continue;
            }
            items.Add(Item(node.Label, node.Text, node.Paragraph, context, items.Count, sources, labelConfidence: 1, "the document's numbering"));
        }
    }

    private void UnnumberedItems(IReadOnlyList<LetterParagraph> paragraphs, List<DraftItem> items, Dictionary<string, FieldSource> sources, List<UnplacedText> notItems)
    {
        var introduced = false;
        foreach (var p in paragraphs)
        {
            _cancel.ThrowIfCancellationRequested();
            // "... có ý kiến như sau:" introduces the instruction that follows, whatever its verbs.
            var afterIntroduction = introduced;
            introduced = p.Text.TrimEnd().EndsWith(':');
            if (Closing(p.Text)) { notItems.Add(new(p.FromLine, p.ToLine, p.Text, "closing formula")); continue; }
            var sentences = SentenceRegex().Split(p.Text).Where(s => s.Trim().Length > 0).ToList();
            var placed = false;
            foreach (var sentence in sentences)
            {
                _cancel.ThrowIfCancellationRequested();
                var s = sentence.Trim();
                if (!AssignsWork(s) && !(afterIntroduction && _leads.Read(s).Found)) { continue; }
                var label = (items.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                items.Add(Item(label, s, p, null, items.Count, sources, 0.6, "the letter has no numbering: items counted in order"));
                placed = true;
            }
            if (!placed) notItems.Add(new(p.FromLine, p.ToLine, p.Text, "no sentence that assigns work"));
            else
            {
                foreach (var s in sentences.Where(s => s.Trim().Length > 0 && !AssignsWork(s.Trim()) && !(afterIntroduction && _leads.Read(s.Trim()).Found)))
                    notItems.Add(new(p.FromLine, p.ToLine, s.Trim(), "context of an item in the same paragraph"));
            }
        }
    }

    private bool AssignsWork(string sentence) =>
        AssignWordsRegex().IsMatch(sentence) && _leads.Read(sentence).Found;

    private DraftItem Item(string label, string text, LetterParagraph p, Context? context, int index,
        Dictionary<string, FieldSource> sources, double labelConfidence, string labelRule)
    {
        var at = $"items[{index}]";
        var own = _leads.Read(text);
        LeadFinding lead;
        IReadOnlyList<AgencyMention> coordinating;
        if (own.Found) { lead = own; coordinating = own.Coordinating; }
        else if (context?.Lead is { Found: true } inherited)
        {
            lead = inherited with { Confidence = Math.Min(inherited.Confidence, 0.8), Rule = $"{inherited.Rule}, from the heading {context.Label}" };
            coordinating = _leads.Coordinators(text).Concat(inherited.Coordinating).DistinctBy(c => c.Text).ToList();
        }
        else { lead = LeadFinding.None; coordinating = []; }

        var deadline = DeadlineFinder.Find(text);
        var kind = deadline.Standing || context?.Standing == true ? ItemKind.Standing
            : MeetingRegex().IsMatch(text) ? ItemKind.Meeting : ItemKind.Task;

        sources[$"{at}.label"] = new(p.FromLine, p.FromLine, labelConfidence, labelRule);
        sources[$"{at}.text"] = new(p.FromLine, p.ToLine, 1, "the paragraph, verbatim");
        if (lead.Found) sources[$"{at}.{(lead.Leads.Count > 1 ? "leads" : "lead")}"] = new(p.FromLine, p.ToLine, Math.Round(lead.Confidence, 2), lead.Rule);
        if (coordinating.Count > 0) sources[$"{at}.coordinating"] = new(p.FromLine, p.ToLine, 0.7, "the agencies after \"phối hợp\" / \"cùng\"");
        if (deadline.Phrase is not null) sources[$"{at}.deadlinePhrase"] = new(p.FromLine, p.ToLine, deadline.Confidence, deadline.Rule);
        sources[$"{at}.kind"] = new(p.FromLine, p.ToLine, kind == ItemKind.Task ? 0.7 : 0.75,
            kind switch
            {
                ItemKind.Standing => deadline.Standing ? "a standing-duty word" : $"under a heading of requirements ({context?.Label})",
                ItemKind.Meeting => "the item holds a meeting (\"họp\")",
                _ => "a task (no meeting, not under a heading of requirements)",
            });

        // A name the directory knows only once the spaces a PDF copy lost are put back ("BộCông
        // Thương") is written as the directory writes it, and the item says the lead was reconstructed.
        var leads = lead.Leads.Select(l => Repaired(l) ?? l.Text.Trim()).ToList();
        var reconstructed = lead.Leads.Any(l => Repaired(l) is not null) ? new[] { lead.Leads.Count > 1 ? "leads" : "lead" } : null;
        if (reconstructed is not null)
            sources[$"{at}.{reconstructed[0]}"] = sources[$"{at}.{reconstructed[0]}"] with
            {
                Rule = sources[$"{at}.{reconstructed[0]}"].Rule + "; written " + string.Join(", ", lead.Leads.Where(l => Repaired(l) is not null).Select(l => $"\"{l.Text}\"")) + ", spacing repaired from the directory",
            };
        return new DraftItem
        {
            Reconstructed = reconstructed,
            Label = label, Kind = kind, Text = text,
            Lead = leads.Count == 1 ? leads[0] : null,
            Leads = leads.Count > 1 ? leads : null,
            Coordinating = coordinating.Select(c => c.Text.Trim()).ToList(),
            DeadlinePhrase = deadline.Phrase,
            Urgent = deadline.Urgent,
        };
    }

    private string? Repaired(AgencyMention mention) =>
        mention.Agency is { } a && agencies.Resolve(mention.Text) is null ? a.Name : null;

    private static void Flag(List<DraftFlag> flags, DraftDirective d, Dictionary<string, FieldSource> sources)
    {
        void Missing(object? value, string field, string what)
        {
            if (value is null || value is string s && s.Length == 0) flags.Add(new(field, $"not found in the letter: {what}; left empty"));
        }
        Missing(d.Number, "number", "the document number (\"Số: 6411/...\")");
        Missing(d.Code, "code", "the document code after the slash");
        Missing(d.IssueDate, "issueDate", "the issue date (\"<place>, ngày .. tháng .. năm ....\")");
        Missing(d.Issuer, "issuer", "the issuing body above the national motto");
        Missing(d.Subject, "subject", "a \"V/v\" line or the title of the document");
        Missing(d.Signer?.Name, "signer.name", "the signer's name");
        Missing(d.DocumentType, "documentType", "the document type");
        if (d.Recipients.Count == 0) flags.Add(new("recipients", "not found in the letter: \"Kính gửi:\" list; left empty"));
        if (d.Items.Count == 0) flags.Add(new("items", "no task found; see notItems for the letter's paragraphs"));
        for (var i = 0; i < d.Items.Count; i++)
        {
            var item = d.Items[i];
            if (item.AllLeads.Count == 0 && item.Kind != ItemKind.Standing) flags.Add(new($"items[{i}].lead", "no lead found in the item or its heading; left empty"));
            if (sources.TryGetValue($"items[{i}].lead", out var s) && s.Confidence < 0.7) flags.Add(new($"items[{i}].lead", $"check the lead: {s.Rule}"));
            if (sources.TryGetValue($"items[{i}].label", out var l) && l.Confidence < 1) flags.Add(new($"items[{i}].label", l.Rule));
            if (item.Reconstructed is { Count: > 0 } r) flags.Add(new($"items[{i}].{r[0]}", "the written name differs from the directory's only by spacing; the directory's name is used (see sources)"));
        }
    }

    private static bool Closing(string text) => ClosingRegex().IsMatch(text);

    [GeneratedRegex(@"^(?:Văn phòng Chính phủ|VPCP)\s+(?:xin\s+)?thông báo|^(?:Văn phòng Chính phủ|VPCP)\s+xin\s+|thông báo để .{0,120}biết", RegexOptions.IgnoreCase)]
    private static partial Regex ClosingRegex();

    [GeneratedRegex(@"^(?:Về\s+)?(?:các\s+)?(?:yêu cầu|quan điểm|mục tiêu|nguyên tắc|định hướng)(?!\p{L})", RegexOptions.IgnoreCase)]
    private static partial Regex RequirementHeadingRegex();

    // The item holds a meeting: "tổ chức (cuộc) họp / hội nghị", or "họp" as the verb ("... họp để").
    // A meeting it only names ("tại Hội nghị trực tuyến", "tại phiên họp thường kỳ") is not one.
    [GeneratedRegex(@"(?<!\p{L})tổ chức\s+(?:các\s+|một\s+)?(?:cuộc\s+|phiên\s+)?(?:họp|hội nghị)(?!\p{L})|(?<!(?:cuộc|phiên|tại|trong|của)\s)(?<!\p{L})họp(?!\s+báo)(?!\p{L})", RegexOptions.IgnoreCase)]
    private static partial Regex MeetingRegex();

    [GeneratedRegex(@"(?<!\p{L})(?:giao|yêu cầu|đề nghị|chủ trì)(?!\p{L})", RegexOptions.IgnoreCase)]
    private static partial Regex AssignWordsRegex();

    // Sentence ends: ". " before an upper-case letter (abbreviations such as "TP. Hồ Chí Minh" are rare in task sentences).
    [GeneratedRegex(@"(?<=[\.!?])\s+(?=\p{Lu})")]
    private static partial Regex SentenceRegex();
}
