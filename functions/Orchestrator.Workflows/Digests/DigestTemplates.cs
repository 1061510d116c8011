using System.Globalization;
using System.Text;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Notices;
using Orchestrator.Workflows.Reports;

namespace Orchestrator.Workflows.Digests;

/// <summary>The digests' wording (Vietnamese, dates dd/MM/yyyy), as plain text and simple HTML.</summary>
public static class DigestTemplates
{
    public static RenderedNotice Weekly(string agencyName, string week, DateOnly today, IReadOnlyList<DigestLine> lines)
    {
        var subject = $"V/v tổng hợp nhiệm vụ sắp đến hạn và quá hạn của {agencyName} (tuần {week})";
        var text = new StringBuilder();
        var html = new StringBuilder($"<p><strong>{E(subject)}</strong></p>");
        var intro = $"Kính gửi: {agencyName}. Đến ngày {Day(today)}, {agencyName} có {lines.Count} nhiệm vụ quá hạn hoặc đến hạn trong " +
                    $"{DigestOptions.DueWithinDays} ngày tới:";
        text.AppendLine(subject).AppendLine().AppendLine(intro).AppendLine();
        html.Append("<p>").Append(E(intro)).Append("</p><ol>");
        foreach (var (item, links) in lines)
        {
            var due = item.DueDate is { } d ? Day(DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)) : "";
            var standing = item.Category == StatusCategory.Overdue ? "quá hạn" : "sắp đến hạn";
            var head = $"{item.DirectiveId}, mục {item.Label} — thời hạn {due} ({standing}): {item.Task}";
            text.AppendLine("- " + head)
                .AppendLine("  Báo cáo hoàn thành: " + links.Complete)
                .AppendLine("  Báo cáo tiến độ: " + links.Progress)
                .AppendLine("  Đề nghị gia hạn: " + links.Extend);
            html.Append("<li>").Append(E(head)).Append("<br>")
                .Append(CultureInfo.InvariantCulture, $"<a href=\"{E(links.Complete)}\">Báo cáo hoàn thành</a> · ")
                .Append(CultureInfo.InvariantCulture, $"<a href=\"{E(links.Progress)}\">Báo cáo tiến độ</a> · ")
                .Append(CultureInfo.InvariantCulture, $"<a href=\"{E(links.Extend)}\">Đề nghị gia hạn</a></li>");
        }
        const string footer = "Thư tổng hợp hằng tuần được gửi tự động từ hệ thống theo dõi nhiệm vụ; các đường dẫn dành riêng cho người nhận thư này.";
        text.AppendLine().AppendLine(footer);
        html.Append("</ol><p><small>").Append(E(footer)).Append("</small></p>");
        return new RenderedNotice(subject, text.ToString(), html.ToString());
    }

    public static RenderedNotice Monthly(string officeName, MonthlyReport report)
    {
        var subject = $"V/v báo cáo tình hình thực hiện nhiệm vụ tháng {report.Period.From:MM/yyyy}";
        var t = report.Totals;
        var text = $"""
            {subject}

            Kính gửi: {officeName}.
            {ReportLabels.Period(report)}.
            {ReportLabels.CompletedOnTime}: {t.CompletedOnTime}; {ReportLabels.CompletedLate}: {t.CompletedLate}; {ReportLabels.InProgress}: {t.InProgressWithinDeadline}; {ReportLabels.Overdue}: {t.Overdue}; {ReportLabels.OnTimeRate}: {ReportLabels.Rate(t.OnTimeRate)}.
            Báo cáo chi tiết theo từng cơ quan ở tệp đính kèm (.xlsx) và trong nội dung thư.
            """;
        return new RenderedNotice(subject, text, ReportHtml.Render(report));
    }

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string E(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
