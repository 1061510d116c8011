using System.Globalization;
using Microsoft.AspNetCore.Http;
using Orchestrator.Domain.Directives;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Items;

namespace Orchestrator.Workflows.Reports;

/// <summary>GET /api/reports/monthly: the monthly report as .xlsx or a printable HTML page.</summary>
public sealed class ReportApi(ReportBuilder builder)
{
    public const string Xlsx = "xlsx";
    public const string Html = "html";
    private static readonly DateOnly Earliest = new(2000, 1, 1), Latest = new(2100, 12, 31);

    public async Task<IResult> MonthlyAsync(HttpRequest request)
    {
        var query = request.Query;
        var problems = new List<FieldError>();
        var period = ParsePeriod(query["month"].FirstOrDefault(), query["from"].FirstOrDefault(), query["to"].FirstOrDefault(), problems);
        var format = query["format"].FirstOrDefault() is { Length: > 0 } f ? f.ToLowerInvariant() : Xlsx;
        if (format is not (Xlsx or Html)) problems.Add(new("format", "xlsx or html"));
        var directive = query["directive"].FirstOrDefault() is { Length: > 0 } d ? d : null;
        if (directive is not null && !ItemInstanceId.IsValidDirectiveId(directive))
            problems.Add(new("directive", IdGrammar.DirectiveIdExpected));
        if (problems.Count > 0) return ApiResults.BadRequest(problems);

        var report = await builder.BuildAsync(period!, directive, request.HttpContext.RequestAborted);
        if (format == Html) ReportHtml.Protect(request.HttpContext.Response);
        return format == Html
            ? Results.Content(ReportHtml.Render(report), ReportHtml.ContentType)
            : Results.File(ReportXlsx.Render(report), ReportXlsx.ContentType, ReportLabels.FileName(report, Xlsx));
    }

    /// <summary>A month ("YYYY-MM"), or a period from and to (days "YYYY-MM-DD", both inclusive); one of the two.</summary>
    public static ReportPeriod? ParsePeriod(string? month, string? from, string? to, List<FieldError> problems)
    {
        if (!string.IsNullOrEmpty(month))
        {
            if (!string.IsNullOrEmpty(from) || !string.IsNullOrEmpty(to))
            {
                problems.Add(new("month", "either month or from and to, not both"));
                return null;
            }
            if (ReportPeriod.TryParseMonth(month, out var m) && m.From >= Earliest && m.To <= Latest) return m;
            problems.Add(new("month", "a month YYYY-MM from 2000-01 to 2100-12"));
            return null;
        }
        if (string.IsNullOrEmpty(from) && string.IsNullOrEmpty(to))
        {
            problems.Add(new("month", "the month to report, YYYY-MM (or a period with from and to)"));
            return null;
        }
        DateOnly? Day(string field, string? text)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day >= Earliest && day <= Latest)
                return day;
            problems.Add(new(field, "a day YYYY-MM-DD from 2000-01-01 to 2100-12-31"));
            return null;
        }
        var (start, end) = (Day("from", from), Day("to", to));
        if (start is null || end is null) return null;
        if (end < start)
        {
            problems.Add(new("to", $"a day on or after from ({start:yyyy-MM-dd})"));
            return null;
        }
        return new ReportPeriod(start.Value, end.Value);
    }
}
