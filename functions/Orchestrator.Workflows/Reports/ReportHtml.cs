using System.Globalization;
using System.Text;

namespace Orchestrator.Workflows.Reports;

/// <summary>The report as one printable HTML page (A4 landscape, no script, every value encoded).</summary>
public static class ReportHtml
{
    public const string ContentType = "text/html; charset=utf-8";

    /// <summary>The page's own styles and nothing else: no script, no frame, no form, no outside fetch.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>The headers the dashboard's files carry (a policy, no sniffing, no referrer), for the printable page.</summary>
    public static void Protect(Microsoft.AspNetCore.Http.HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    public static string Render(MonthlyReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(ReportLabels.Title)).Append(' ').Append(E(report.Period.Key)).Append("</title><style>")
            .Append("@page{size:A4 landscape;margin:15mm}body{font-family:'Times New Roman',serif;font-size:13px}")
            .Append("h1{font-size:18px;text-align:center;margin:0}p.period{text-align:center;font-style:italic}")
            .Append("h2{font-size:15px;margin-top:18px}table{border-collapse:collapse;width:100%;page-break-inside:auto}")
            .Append("th,td{border:1px solid #000;padding:3px 5px;vertical-align:top}th{background:#eee}td.n{text-align:right}")
            .Append("tr{page-break-inside:avoid}tfoot td{font-weight:bold}</style></head><body>");
        html.Append("<h1>").Append(E(ReportLabels.Title)).Append("</h1><p class=\"period\">").Append(E(ReportLabels.Period(report))).Append("</p>");

        html.Append("<table><thead><tr>");
        foreach (var h in new[] { ReportLabels.Agency, ReportLabels.CompletedOnTime, ReportLabels.CompletedLate, ReportLabels.InProgress,
                     ReportLabels.Overdue, ReportLabels.Total, ReportLabels.OnTimeRate })
            html.Append("<th>").Append(E(h)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in report.Agencies) AgencyRow(html, row);
        html.Append("</tbody><tfoot>");
        AgencyRow(html, report.Totals);
        html.Append("</tfoot></table>");

        html.Append("<h2>").Append(E(ReportLabels.OverdueItems)).Append(" (").Append(report.Overdue.Count).Append(")</h2>");
        if (report.Overdue.Count == 0) html.Append("<p>").Append(E(ReportLabels.None)).Append("</p>");
        else
        {
            Head(html, ReportLabels.Directive, ReportLabels.Label, ReportLabels.Task, ReportLabels.Agency, ReportLabels.DueDate,
                ReportLabels.DaysOverdue, ReportLabels.LastEvent);
            foreach (var i in report.Overdue)
                Cells(html, i.DirectiveId, i.Label, i.Task, i.AgencyName, ReportLabels.Day(i.DueDate), i.DaysOverdue.ToString(CultureInfo.InvariantCulture), i.LastEvent ?? "");
            html.Append("</tbody></table>");
        }

        html.Append("<h2>").Append(E(ReportLabels.DueNextMonth)).Append(" (")
            .Append(E($"{report.Period.NextMonth.From:MM/yyyy}")).Append(", ").Append(report.DueNextMonth.Count).Append(")</h2>");
        if (report.DueNextMonth.Count == 0) html.Append("<p>").Append(E(ReportLabels.None)).Append("</p>");
        else
        {
            Head(html, ReportLabels.Directive, ReportLabels.Label, ReportLabels.Task, ReportLabels.Agency, ReportLabels.DueDate);
            foreach (var i in report.DueNextMonth)
                Cells(html, i.DirectiveId, i.Label, i.Task, i.AgencyName, ReportLabels.Day(i.DueDate));
            html.Append("</tbody></table>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static void AgencyRow(StringBuilder html, ReportAgencyRow row)
    {
        html.Append("<tr><td>").Append(E(row.AgencyName)).Append("</td>");
        foreach (var n in new[] { row.CompletedOnTime, row.CompletedLate, row.InProgressWithinDeadline, row.Overdue, row.Total })
            html.Append("<td class=\"n\">").Append(n).Append("</td>");
        html.Append("<td class=\"n\">").Append(E(ReportLabels.Rate(row.OnTimeRate))).Append("</td></tr>");
    }

    private static void Head(StringBuilder html, params string[] headers)
    {
        html.Append("<table><thead><tr>");
        foreach (var h in headers) html.Append("<th>").Append(E(h)).Append("</th>");
        html.Append("</tr></thead><tbody>");
    }

    private static void Cells(StringBuilder html, params string[] cells)
    {
        html.Append("<tr>");
        foreach (var c in cells) html.Append("<td>").Append(E(c)).Append("</td>");
        html.Append("</tr>");
    }

    /// <summary>Encodes the five markup characters only: WebUtility would turn every accented letter
    /// into a character reference, which makes the page's source unreadable (it is sent as UTF-8).</summary>
    private static string E(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;")
        .Replace("\"", "&quot;").Replace("'", "&#39;");
}
