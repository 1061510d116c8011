using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Domain.Directives;

namespace Orchestrator.Domain.Drafting;

/// <summary>The letter's fixed parts (Decree 30/2020/NĐ-CP layout): issuer above "CỘNG HÒA ...",
/// "Số: 6411/VPCP-KTTH", "Hà Nội, ngày 19 tháng 8 năm 2023", "V/v ..." or the title of a chỉ thị /
/// thông báo, "Kính gửi:" or "... điện:" and its list, and the signature block.</summary>
public sealed record LetterHeader
{
    public string? Number { get; init; }
    public string? Code { get; init; }
    public DateOnly? IssueDate { get; init; }
    public string? Place { get; init; }
    public string? Issuer { get; init; }
    public string? Subject { get; init; }
    public string? DocumentType { get; init; }
    public IReadOnlyList<string> Recipients { get; init; } = [];
    public Signer? Signer { get; init; }
    /// <summary>Index (into the lines) of the first body line and of the first line after the body.</summary>
    public int BodyStart { get; init; }
    public int BodyEnd { get; init; }
    public Dictionary<string, FieldSource> Sources { get; } = [];
}

public static partial class HeaderReader
{
    public static LetterHeader Read(IReadOnlyList<LetterLine> lines)
    {
        var sources = new Dictionary<string, FieldSource>();
        string? number = null, code = null, place = null, issuer = null, subject = null, type = null;
        DateOnly? date = null;
        var afterHeader = 0;

        // The number and the date are read above the first "Kính gửi:", "... điện:" or document title
        // only: a date in the body ("Ngày 03 tháng 8 năm 2024, ...") is not the issue date.
        var headerEnd = Math.Min(lines.Count, 60);
        for (var i = 0; i < headerEnd; i++)
            if (RecipientsRegex().IsMatch(lines[i].Text) || CableRegex().IsMatch(lines[i].Text) || TitleRegex().IsMatch(lines[i].Text)) { headerEnd = i + 1; break; }

        // Number and code: "Số: 6411/VPCP-KTTH" (the number may sit on the next line of a table copy).
        for (var i = 0; i < headerEnd && number is null; i++)
        {
            var m = NumberRegex().Match(lines[i].Text);
            var at = i;
            if (m.Success && m.Groups["n"].Length == 0 && i + 1 < lines.Count) { m = NumberRegex().Match("Số: " + lines[i + 1].Text); at = i + 1; }
            if (!m.Success || m.Groups["n"].Length == 0) continue;
            number = m.Groups["n"].Value;
            code = m.Groups["c"].Value.TrimEnd('.', ',');
            sources["number"] = new(lines[i].Number, lines[at].Number, 1, "\"Số:\" line");
            sources["code"] = sources["number"];
            afterHeader = Math.Max(afterHeader, at + 1);
        }

        // Place and date: "Hà Nội, ngày 19 tháng 8 năm 2023" (a table copy may break it over lines).
        for (var i = 0; i < headerEnd && date is null; i++)
        {
            var joined = string.Join(" ", lines.Skip(i).Take(4).Select(l => l.Text));
            var m = DateRegex().Match(joined);
            if (!m.Success || !lines[i].Text.Contains("ngày", StringComparison.OrdinalIgnoreCase) && !DateRegex().IsMatch(lines[i].Text)) continue;
            if (m.Index > lines[i].Text.Length) continue;
            if (DateOnly.TryParseExact($"{m.Groups["y"].Value}-{int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture):00}-{int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture):00}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                date = d;
                var span = Math.Max(0, lines.Skip(i).Take(4).TakeWhile((_, k) => string.Join(" ", lines.Skip(i).Take(k + 1).Select(l => l.Text)).Length < m.Index + m.Length).Count());
                sources["issueDate"] = new(lines[i].Number, lines[Math.Min(lines.Count - 1, i + span)].Number, 1, "\"<place>, ngày .. tháng .. năm ....\" line");
                if (m.Groups["place"].Success && m.Groups["place"].Value.Trim().Length > 1)
                {
                    place = m.Groups["place"].Value.Trim();
                    sources["place"] = sources["issueDate"];
                }
                afterHeader = Math.Max(afterHeader, i + span + 1);
            }
        }

        // Issuer: the first block of upper-case lines at the top, before the national motto, the
        // number or the date ("VĂN PHÒNG CHÍNH PHỦ"; "BỘ TÀI CHÍNH" / "TỔNG CỤC THUẾ"). A table copy
        // may put the motto on the issuer's line: "VĂN PHÒNG CHÍNH PHỦ | CỘNG HÒA ...".
        var issuerLines = new List<LetterLine>();
        for (var i = 0; i < Math.Min(lines.Count, 40); i++)
        {
            var t = lines[i].Text;
            var motto = RepublicRegex().Match(t);
            var head = motto.Success ? t[..motto.Index].Trim() : t;
            var isStop = motto.Success || NumberRegex().IsMatch(t) && t.Contains(':') || DateRegex().IsMatch(t);
            if (head.Length > 0 && IsUpper(head) && !DashesRegex().IsMatch(head)) issuerLines.Add(lines[i] with { Text = head });
            else if (issuerLines.Count > 0 && (t.Length == 0 || DashesRegex().IsMatch(t) || !IsUpper(t))) break;
            if (isStop) break;
        }
        if (issuerLines.Count > 0)
        {
            issuer = string.Join(" ", issuerLines.Select(l => l.Text));
            sources["issuer"] = new(issuerLines[0].Number, issuerLines[^1].Number, 0.9, "the upper-case lines at the top, above the national motto");
        }

        // Title of a chỉ thị / thông báo / công điện and the subject under it, or a "V/v" line.
        var titleIndex = -1;
        for (var i = 0; i < Math.Min(lines.Count, 60); i++)
        {
            var t = TitleRegex().Match(lines[i].Text);
            if (!t.Success) continue;
            type = TypeFromTitle(t.Groups["t"].Value);
            titleIndex = i;
            var subjectLines = new List<LetterLine>();
            var rest = lines[i].Text[t.Length..].Trim();
            if (rest.Length > 0) subjectLines.Add(lines[i] with { Text = rest });
            for (var j = i + 1; j < lines.Count && subjectLines.Count < 6; j++)
            {
                var s = lines[j].Text;
                if (s.Length == 0) { if (subjectLines.Count > 0) break; continue; }
                if (s.StartsWith("Kính gửi", StringComparison.OrdinalIgnoreCase) || CableRegex().IsMatch(s) || !LooksLikeTitle(s)) break;
                subjectLines.Add(lines[j]);
            }
            if (subjectLines.Count > 0)
            {
                subject = string.Join(" ", subjectLines.Select(l => l.Text));
                sources["subject"] = new(subjectLines[0].Number, subjectLines[^1].Number, 0.85, "the lines under the document title");
                afterHeader = Math.Max(afterHeader, subjectLines[^1].Number); // line numbers are indexes + 1
            }
            else afterHeader = Math.Max(afterHeader, i + 1);
            break;
        }
        for (var i = 0; i < Math.Min(lines.Count, 60) && subject is null; i++)
        {
            var m = SubjectRegex().Match(lines[i].Text);
            if (!m.Success) continue;
            var text = lines[i].Text[m.Index..];
            var to = i;
            // The subject may wrap onto a line of its own before the date or "Kính gửi".
            while (to + 1 < lines.Count && lines[to + 1].Text.Length > 0 && !DateRegex().IsMatch(lines[to + 1].Text)
                   && !lines[to + 1].Text.StartsWith("Kính gửi", StringComparison.OrdinalIgnoreCase) && !IsUpper(lines[to + 1].Text)
                   && !text.EndsWith('.') && to - i < 2)
            {
                to++;
                text += " " + lines[to].Text;
            }
            subject = DateRegex().Split(text)[0].Trim();
            sources["subject"] = new(lines[i].Number, lines[to].Number, 0.95, "\"V/v\" line");
            type ??= "congVan";
            afterHeader = Math.Max(afterHeader, to + 1);
        }
        type ??= TypeFromCode(code);
        if (type is not null && !sources.ContainsKey("documentType"))
            sources["documentType"] = titleIndex >= 0 ? new(lines[titleIndex].Number, lines[titleIndex].Number, 0.95, "the document title")
                : sources.TryGetValue("subject", out var s) ? s with { Confidence = 0.8, Rule = "a \"V/v\" subject line: a công văn" }
                : sources.TryGetValue("code", out var c) ? c with { Confidence = 0.8, Rule = "the document code" } : new(0, 0, 0.5, "default");

        // Recipients: "Kính gửi: ..." on the line and the "- ..." lines under it; a công điện's "... điện:".
        var recipients = new List<string>();
        for (var i = 0; i < Math.Min(lines.Count, 80); i++)
        {
            var m = RecipientsRegex().Match(lines[i].Text);
            var cable = CableRegex().Match(lines[i].Text);
            if (!m.Success && !cable.Success) continue;
            var first = lines[i].Text[(m.Success ? m.Length : cable.Index + cable.Length)..].Trim();
            if (first.Length > 0) recipients.Add(CleanRecipient(first));
            var j = i + 1;
            var lastRaw = first;
            var inList = false;
            for (; j < lines.Count; j++)
            {
                var t = lines[j].Text;
                if (t.Length == 0) { if (recipients.Count > 0 && !(j + 1 < lines.Count && lines[j + 1].Text.StartsWith('-'))) break; continue; }
                var dash = t.StartsWith('-') || t.StartsWith('+') || t.StartsWith('•');
                if (dash) { recipients.Add(CleanRecipient(t.TrimStart('-', '+', '•', ' '))); inList = true; }
                // A listed recipient broken over two lines continues; one that ended with ";" or "." does not.
                else if (inList && !EndsItem(lastRaw) && !ItemLabels.StartsWithLabel(t) && t.Length < 120) recipients[^1] = CleanRecipient(recipients[^1] + " " + t);
                // "Kính gửi:" alone on its line, the recipient on the next one.
                else if (recipients.Count == 0 && t.Length < 160 && !t.EndsWith(':')) recipients.Add(CleanRecipient(t));
                else break;
                lastRaw = t;
            }
            if (recipients.Count > 0) sources["recipients"] = new(lines[i].Number, lines[j - 1].Number, 0.95, m.Success ? "\"Kính gửi:\" block" : "\"... điện:\" block");
            afterHeader = Math.Max(afterHeader, j);
            break;
        }

        // Body ends at "Nơi nhận:" or the signature block, whichever comes first after the body starts.
        var bodyEnd = lines.Count;
        for (var i = afterHeader; i < lines.Count; i++)
        {
            if (PlacesRegex().IsMatch(lines[i].Text) || AuthorityRegex().IsMatch(lines[i].Text) || SignedRegex().IsMatch(lines[i].Text)
                || SignerTitleRegex().IsMatch(lines[i].Text) && IsUpper(lines[i].Text)) { bodyEnd = i; break; }
        }

        var signer = ReadSigner(lines, bodyEnd, sources);
        return new LetterHeader
        {
            Number = number, Code = code, IssueDate = date, Place = place, Issuer = issuer, Subject = subject,
            DocumentType = type, Recipients = recipients, Signer = signer, BodyStart = afterHeader, BodyEnd = bodyEnd,
        }.WithSources(sources);
    }

    private static LetterHeader WithSources(this LetterHeader header, Dictionary<string, FieldSource> sources)
    {
        foreach (var (k, v) in sources) header.Sources[k] = v;
        return header;
    }

    /// <summary>"KT. BỘ TRƯỞNG, CHỦ NHIỆM" / "PHÓ CHỦ NHIỆM" / name, in the lines after the body
    /// (before or after "Nơi nhận:"; a copy may put the title and the name on one line).</summary>
    private static Signer? ReadSigner(IReadOnlyList<LetterLine> lines, int from, Dictionary<string, FieldSource> sources)
    {
        string? authority = null, title = null, name = null;
        int? first = null, last = null;
        for (var i = from; i < lines.Count; i++)
        {
            var t = lines[i].Text;
            if (t.Length == 0 || SignedRegex().IsMatch(t)) continue;
            var a = AuthorityRegex().Match(t);
            if (a.Success && authority is null)
            {
                authority = a.Value.Trim();
                first ??= lines[i].Number; last = lines[i].Number;
                t = t[a.Length..].Trim();
                if (t.Length == 0) continue;
            }
            var st = SignerTitleRegex().Match(t);
            if (st.Success && title is null && (authority is not null || IsUpper(st.Value)))
            {
                title = st.Value.Trim();
                first ??= lines[i].Number; last = lines[i].Number;
                t = t[st.Length..].Trim();
                if (t.Length == 0) continue;
            }
            if (title is not null && name is null && NameRegex().IsMatch(t))
            {
                name = t;
                last = lines[i].Number;
                break;
            }
        }
        if (title is null && name is null) return null;
        var signer = new Signer { Authority = authority, Title = title is null ? null : SentenceCaseTitle(title), Name = name };
        sources["signer"] = new(first ?? 0, last ?? 0, name is null ? 0.6 : 0.85, "the signature block");
        return signer;
    }

    /// <summary>"PHÓ CHỦ NHIỆM" → "Phó Chủ nhiệm": titles are written in capitals in the signature
    /// block and in sentence case in the format (the first word of the office keeps its capital).</summary>
    private static string SentenceCaseTitle(string upper)
    {
        if (!IsUpper(upper)) return upper;
        var words = upper.ToLower(CultureInfo.GetCultureInfo("vi-VN")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var capitalNext = true;
        for (var i = 0; i < words.Length; i++)
        {
            if (capitalNext || words[i] is "thủ" or "chủ" or "bộ") words[i] = char.ToUpper(words[i][0], CultureInfo.GetCultureInfo("vi-VN")) + words[i][1..];
            capitalNext = words[i] == "phó";
        }
        return string.Join(' ', words);
    }

    private static string? TypeFromTitle(string title) => title.ToUpperInvariant() switch
    {
        "CHỈ THỊ" => "chiThi",
        "THÔNG BÁO" => "thongBao",
        "CÔNG ĐIỆN" => "congDien",
        "QUYẾT ĐỊNH" => "quyetDinh",
        _ => null,
    };

    private static string? TypeFromCode(string? code) => code?.ToUpperInvariant() switch
    {
        null => null,
        var c when c.Contains("CT-") => "chiThi",
        var c when c.Contains("TB-") => "thongBao",
        var c when c.Contains("CĐ-") => "congDien",
        var c when c.Contains("QĐ-") => "quyetDinh",
        _ => null,
    };

    private static string CleanRecipient(string text) => text.Trim().TrimEnd(';', '.', ',').Trim();
    private static bool EndsItem(string text) => text.EndsWith(';') || text.EndsWith('.');
    private static bool IsUpper(string text) => text.Any(char.IsLetter) && !text.Any(char.IsLower);
    private static bool LooksLikeTitle(string text) => IsUpper(text) || text.StartsWith("Về ", StringComparison.Ordinal) || text.StartsWith("V/v", StringComparison.Ordinal);

    [GeneratedRegex(@"^\s*Số\s*(?::\s*(?<n>\d*)|(?<n>\d+))\s*(?:/\s*(?<c>[\p{L}\d\-./&]+))?", RegexOptions.IgnoreCase)]
    private static partial Regex NumberRegex();
    [GeneratedRegex(@"(?:(?<place>[\p{L}][\p{L} .\-]{1,40}?)\s*,\s*)?ngày\s+(?<d>\d{1,2})\s+tháng\s+(?<m>\d{1,2})\s+năm\s+(?<y>\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex DateRegex();
    [GeneratedRegex(@"CỘNG\s+H(?:ÒA|OÀ|OA)\s+X[ÃA]\s+HỘI", RegexOptions.IgnoreCase)]
    private static partial Regex RepublicRegex();
    [GeneratedRegex(@"^[\-_=*\s]{3,}$")]
    private static partial Regex DashesRegex();
    [GeneratedRegex(@"^(?<t>CHỈ THỊ|THÔNG BÁO|CÔNG ĐIỆN|QUYẾT ĐỊNH)(?!\p{L})")]
    private static partial Regex TitleRegex();
    [GeneratedRegex(@"V/v\s*:?")]
    private static partial Regex SubjectRegex();
    [GeneratedRegex(@"^\s*Kính\s+gửi\s*:?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex RecipientsRegex();
    [GeneratedRegex(@"(?:THỦ TƯ[ỚỞ]NG CHÍNH PHỦ|Thủ tướng Chính phủ|PHÓ THỦ TƯỚNG|Phó Thủ tướng)\s+(?:ĐIỆN|điện)\s*:?", RegexOptions.None)]
    private static partial Regex CableRegex();
    [GeneratedRegex(@"^\s*Nơi\s+nhận\s*:?", RegexOptions.IgnoreCase)]
    private static partial Regex PlacesRegex();
    [GeneratedRegex(@"^(?:KT|TM|TL|TUQ|Q)\.\s*[\p{Lu}\s,]+")]
    private static partial Regex AuthorityRegex();
    [GeneratedRegex(@"^\(?\s*Đã\s+ký\s*\)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SignedRegex();
    [GeneratedRegex(@"^(?:PHÓ THỦ TƯỚNG|THỦ TƯỚNG|PHÓ CHỦ NHIỆM|CHỦ NHIỆM|BỘ TRƯỞNG|THỨ TRƯỞNG|PHÓ CHÁNH VĂN PHÒNG|CHÁNH VĂN PHÒNG|CHỦ TỊCH|PHÓ CHỦ TỊCH|VỤ TRƯỞNG|CỤC TRƯỞNG|TỔNG THƯ KÝ)(?!\p{L})")]
    private static partial Regex SignerTitleRegex();
    [GeneratedRegex(@"^\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,4}$")]
    private static partial Regex NameRegex();
}
