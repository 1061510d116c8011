using System.Globalization;
using System.Text;

namespace Orchestrator.Workflows.Notices;

/// <summary>
/// The Vietnamese notices, in the formal administrative style: "Kính gửi:" and the addressees,
/// a "V/v ..." subject, the directive's number and date, the item's label and task verbatim, the
/// due date (dd/MM/yyyy), days left or overdue, and the signed action links. One template per kind
/// and level: Reminder, Milestone, Escalation 1 (focal point), 2 (leadership), 3 (tracking office;
/// repeats say which repeat). Pure: the same context renders the same text.
/// </summary>
public static class NoticeTemplates
{
    public static RenderedNotice Render(NoticeContext c)
    {
        var doc = new Doc();
        var subject = Subject(c);
        var reference = $"Văn bản số {c.DocumentNumber} ngày {ShortDate(c.IssueDate)}";
        var issuer = c.Issuer is { Length: > 0 } ? $" của {c.Issuer}" : "";
        var about = c.DirectiveSubject is { Length: > 0 } s ? " " + s : "";

        doc.Line(c.TrackingOfficeName.ToUpperInvariant(), strong: true);
        doc.Line(subject, strong: true);
        doc.Blank();
        doc.Addressees("Kính gửi:", c.Recipients.To);
        if (c.Recipients.Cc.Count > 0) doc.Addressees("Đồng gửi:", c.Recipients.Cc);
        doc.Blank();

        switch (c.Kind, c.Level)
        {
            case (NoticeKind.Reminder, _):
                doc.Para($"Thực hiện {reference}{issuer}{about}, {c.TrackingOfficeName} xin nhắc thời hạn thực hiện nhiệm vụ tại mục {c.Label} " +
                         $"do {c.LeadAgencyName} chủ trì như sau:");
                break;
            case (NoticeKind.Milestone, _):
                doc.Para($"Thực hiện {reference}{issuer}{about}, {c.TrackingOfficeName} xin thông báo mốc thực hiện nhiệm vụ tại mục {c.Label} " +
                         $"do {c.LeadAgencyName} chủ trì như sau:");
                break;
            case (NoticeKind.CheckIn, _):
                doc.Para($"Thực hiện {reference}{issuer}{about}, {c.TrackingOfficeName} đề nghị {c.LeadAgencyName} báo cáo tình hình thực hiện " +
                         $"nhiệm vụ tại mục {c.Label} (nhiệm vụ không quy định thời hạn hoàn thành, được theo dõi định kỳ) như sau:");
                break;
            case (NoticeKind.Escalation, 1) when c.NoDeadline:
                doc.Para($"Theo {reference}{issuer}{about}, {c.LeadAgencyName} được giao chủ trì thực hiện nhiệm vụ tại mục {c.Label}. " +
                         $"{c.TrackingOfficeName} đã nhiều lần đề nghị báo cáo tình hình thực hiện nhưng đến ngày {Date(c.Today)} chưa nhận được báo cáo.");
                break;
            case (NoticeKind.Escalation, 1):
                doc.Para($"Theo {reference}{issuer}{about}, {c.LeadAgencyName} được giao chủ trì thực hiện nhiệm vụ tại mục {c.Label}. " +
                         $"Đến ngày {Date(c.Today)}, {c.TrackingOfficeName} chưa nhận được báo cáo kết quả thực hiện nhiệm vụ này.");
                break;
            case (NoticeKind.Escalation, 2):
                doc.Para($"Theo {reference}{issuer}{about}, {c.LeadAgencyName} được giao chủ trì thực hiện nhiệm vụ tại mục {c.Label}. " +
                         $"Nhiệm vụ đã được đôn đốc tới đầu mối theo dõi của {c.LeadAgencyName} nhưng đến ngày {Date(c.Today)} vẫn chưa được báo cáo hoàn thành.");
                break;
            case (NoticeKind.Escalation, 3):
                doc.Para($"Theo {reference}{issuer}{about}, {c.LeadAgencyName} được giao chủ trì thực hiện nhiệm vụ tại mục {c.Label}. " +
                         $"Nhiệm vụ đã được đôn đốc tới đầu mối theo dõi và Lãnh đạo {c.LeadAgencyName} nhưng đến ngày {Date(c.Today)} vẫn chưa được báo cáo hoàn thành" +
                         (c.Repeat > 0 ? $"; đây là thông báo nhắc lại lần thứ {c.Repeat}." : "."));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(c), $"No template for {c.Kind} level {c.Level}.");
        }

        doc.Field("Nhiệm vụ (mục " + c.Label + ")", "“" + c.Task + "”");
        doc.Field("Cơ quan chủ trì", c.LeadAsWritten is { Length: > 0 } w && !string.Equals(w, c.LeadAgencyName, StringComparison.OrdinalIgnoreCase)
            ? $"{c.LeadAgencyName} (tiếp nhận nhiệm vụ giao cho {w})"
            : c.LeadAgencyName);
        if (c.CoordinatingAgencyNames.Count > 0) doc.Field("Cơ quan phối hợp", string.Join("; ", c.CoordinatingAgencyNames));
        if (c.Kind == NoticeKind.Milestone && c.MilestoneDescription is { Length: > 0 } m) doc.Field("Mốc thực hiện", m);
        doc.Field("Thời hạn hoàn thành", c.NoDeadline ? "không quy định" : Date(c.DueDate));
        doc.Field("Tình trạng", c.NoDeadline ? "chưa nhận được báo cáo tình hình thực hiện" : Standing(c));
        if (c.Kind == NoticeKind.Escalation) doc.Field("Mức đôn đốc", LevelText(c));
        doc.Blank();

        doc.Para(c.Kind switch
        {
            NoticeKind.Reminder => $"Đề nghị {c.LeadAgencyName} khẩn trương hoàn thành nhiệm vụ đúng thời hạn và báo cáo kết quả; " +
                                   "trường hợp không thể hoàn thành đúng hạn, đề nghị nêu rõ lý do và đề xuất thời hạn mới.",
            NoticeKind.Milestone => $"Đề nghị {c.LeadAgencyName} bảo đảm tiến độ theo mốc nêu trên và cập nhật tình hình thực hiện.",
            NoticeKind.CheckIn => $"Đề nghị {c.LeadAgencyName} báo cáo tiến độ thực hiện nhiệm vụ (hoặc báo cáo hoàn thành, nếu đã hoàn thành) " +
                                  "qua đường dẫn dưới đây.",
            _ when c.Level == 1 && c.NoDeadline => $"{c.TrackingOfficeName} đề nghị {c.LeadAgencyName} khẩn trương báo cáo tình hình thực hiện nhiệm vụ.",
            _ when c.Level == 1 => $"{c.TrackingOfficeName} đề nghị {c.LeadAgencyName} khẩn trương hoàn thành nhiệm vụ và báo cáo kết quả; " +
                                   "trường hợp cần gia hạn, đề nghị nêu rõ lý do và đề xuất thời hạn mới.",
            _ when c.Level == 2 => $"{c.TrackingOfficeName} đề nghị Lãnh đạo {c.LeadAgencyName} quan tâm chỉ đạo đơn vị chuyên môn khẩn trương hoàn thành nhiệm vụ, " +
                                   "báo cáo kết quả; trường hợp cần gia hạn, đề nghị nêu rõ lý do và đề xuất thời hạn mới.",
            _ => $"Đề nghị {c.TrackingOfficeName} xem xét, tổng hợp nhiệm vụ quá hạn này để báo cáo tại phiên họp Chính phủ thường kỳ " +
                 $"và kiến nghị biện pháp xử lý; {c.LeadAgencyName} được đồng gửi để biết và thực hiện.",
        });
        doc.Blank();
        doc.Para($"Để báo cáo, đề nghị sử dụng các đường dẫn sau (dành cho {c.Recipients.Primary.Email}, có hiệu lực đến ngày " +
                 $"{Date(DateOnly.FromDateTime(c.Links.ExpiresUtc.ToOffset(TimeSpan.FromHours(7)).DateTime))}):");
        doc.Link("Báo cáo hoàn thành nhiệm vụ", c.Links.Complete);
        doc.Link("Báo cáo tiến độ thực hiện", c.Links.Progress);
        doc.Link("Đề nghị gia hạn", c.Links.Extend);
        doc.Blank();
        doc.Small($"Thông báo này được gửi tự động từ hệ thống theo dõi nhiệm vụ của {c.TrackingOfficeName}; mã thông báo: {c.StepId}.");
        return new RenderedNotice(subject, doc.Text(), doc.Html(subject));
    }

    /// <summary>"V/v nhắc hạn thực hiện nhiệm vụ ...", "V/v đôn đốc thực hiện nhiệm vụ ...", "V/v thông báo mốc thực hiện nhiệm vụ ...".</summary>
    public static string Subject(NoticeContext c)
    {
        var what = $"tại mục {c.Label} Văn bản số {c.DocumentNumber} ngày {ShortDate(c.IssueDate)}";
        return c.Kind switch
        {
            NoticeKind.Reminder => $"V/v nhắc hạn thực hiện nhiệm vụ {what}",
            NoticeKind.Milestone => $"V/v thông báo mốc thực hiện nhiệm vụ {what}",
            NoticeKind.CheckIn => $"V/v đề nghị báo cáo tình hình thực hiện nhiệm vụ {what}",
            _ => $"V/v đôn đốc thực hiện nhiệm vụ {what} ({LevelText(c)})",
        };
    }

    /// <summary>"đôn đốc lần 1", "đôn đốc lần 3, nhắc lại lần thứ 2".</summary>
    public static string LevelText(NoticeContext c) =>
        c.Repeat > 0 ? $"đôn đốc lần {c.Level}, nhắc lại lần thứ {c.Repeat}" : $"đôn đốc lần {c.Level}";

    /// <summary>"còn 14 ngày đến hạn", "đến hạn hôm nay", "quá hạn 5 ngày".</summary>
    public static string Standing(NoticeContext c) => c.DaysRemaining switch
    {
        > 0 and var n => $"còn {n} ngày đến hạn",
        0 => "đến hạn hôm nay",
        var n => $"đã quá hạn {-n} ngày",
    };

    /// <summary>dd/MM/yyyy, e.g. 02/10/2023.</summary>
    public static string Date(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>The way document dates are written in references: 19/8/2023.</summary>
    public static string ShortDate(DateOnly d) => d.ToString("d/M/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Collects blocks once and writes them as plain text and as simple HTML.</summary>
    private sealed class Doc
    {
        private readonly StringBuilder _text = new();
        private readonly StringBuilder _html = new();

        /// <summary>Encodes the five HTML-significant characters and leaves Vietnamese letters as they
        /// are (the page is UTF-8; WebUtility would turn "à" into "&amp;#224;").</summary>
        private static string E(string s)
        {
            var b = new StringBuilder(s.Length + 16);
            foreach (var ch in s)
                b.Append(ch switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", _ => ch.ToString() });
            return b.ToString();
        }

        public void Line(string s, bool strong = false)
        {
            _text.Append(s).Append('\n');
            _html.Append(strong ? $"<p><strong>{E(s)}</strong></p>\n" : $"<p>{E(s)}</p>\n");
        }

        public void Blank() => _text.Append('\n');

        public void Para(string s)
        {
            _text.Append(s).Append('\n');
            _html.Append("<p>").Append(E(s)).Append("</p>\n");
        }

        public void Addressees(string heading, IReadOnlyList<NoticeAddress> who)
        {
            if (who.Count == 1)
            {
                _text.Append(heading).Append(' ').Append(who[0].DisplayName).Append('.').Append('\n');
                _html.Append(CultureInfo.InvariantCulture, $"<p><strong>{E(heading)}</strong> {E(who[0].DisplayName)}.</p>\n");
                return;
            }
            _text.Append(heading).Append('\n');
            foreach (var a in who) _text.Append("- ").Append(a.DisplayName).Append(";\n");
            _html.Append(CultureInfo.InvariantCulture, $"<p><strong>{E(heading)}</strong></p>\n<ul>\n");
            foreach (var a in who) _html.Append(CultureInfo.InvariantCulture, $"<li>{E(a.DisplayName)};</li>\n");
            _html.Append("</ul>\n");
        }

        public void Field(string name, string value)
        {
            _text.Append("- ").Append(name).Append(": ").Append(value).Append('\n');
            _html.Append(CultureInfo.InvariantCulture, $"<p><strong>{E(name)}:</strong> {E(value)}</p>\n");
        }

        public void Link(string name, string url)
        {
            _text.Append("- ").Append(name).Append(": ").Append(url).Append('\n');
            _html.Append(CultureInfo.InvariantCulture, $"<p>&bull; <a href=\"{E(url)}\">{E(name)}</a></p>\n");
        }

        public void Small(string s)
        {
            _text.Append(s).Append('\n');
            _html.Append(CultureInfo.InvariantCulture, $"<p style=\"color:#666;font-size:small\">{E(s)}</p>\n");
        }

        public string Text() => _text.ToString();

        public string Html(string title) =>
            "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" + E(title) +
            "</title></head>\n<body style=\"font-family:'Times New Roman',serif;font-size:14pt\">\n" + _html + "</body></html>\n";
    }
}
