using System.Globalization;

namespace Orchestrator.Workflows.Reports;

/// <summary>The report's wording (Vietnamese, as the office sends it) and its date and number forms.</summary>
public static class ReportLabels
{
    public const string Title = "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ";
    public const string Agency = "Cơ quan chủ trì";
    public const string CompletedOnTime = "Hoàn thành đúng hạn";
    public const string CompletedLate = "Hoàn thành quá hạn";
    public const string InProgress = "Đang thực hiện trong hạn";
    public const string Overdue = "Quá hạn";
    public const string Total = "Tổng số";
    public const string OnTimeRate = "Tỷ lệ đúng hạn";
    public const string Totals = "Tổng cộng";
    public const string OverdueItems = "Nhiệm vụ quá hạn";
    public const string DueNextMonth = "Nhiệm vụ đến hạn tháng sau";
    public const string Directive = "Văn bản";
    public const string Label = "Mục";
    public const string Task = "Nội dung nhiệm vụ";
    public const string DueDate = "Thời hạn";
    public const string DaysOverdue = "Số ngày quá hạn";
    public const string LastEvent = "Diễn biến gần nhất";
    /// <summary>Before the identity the host authenticated for an event (a key, a signed-in name, a link).</summary>
    public const string Caller = "tài khoản";
    public const string None = "Không có.";

    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"Từ ngày 01/11/2026 đến ngày 30/11/2026; số liệu tính đến hết ngày 30/11/2026".</summary>
    public static string Period(MonthlyReport report) =>
        $"Từ ngày {Day(report.Period.From)} đến ngày {Day(report.Period.To)}; số liệu tính đến hết ngày {Day(report.AsOfDay)}" +
        (report.DirectiveId is { } d ? $"; văn bản {d}" : "");

    public static string Rate(double? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.GetCultureInfo("vi-VN")) + "%" : "–";

    /// <summary>"bao-cao-2026-11.xlsx".</summary>
    public static string FileName(MonthlyReport report, string extension) =>
        $"bao-cao-{report.Period.Key}{(report.DirectiveId is { } d ? "-" + d : "")}.{extension}";
}
