using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Orchestrator.Domain.Common;

namespace Orchestrator.Workflows.Reports;

/// <summary>
/// The report as an Excel workbook (Open XML SDK): a sheet per part (the counts by agency, the
/// overdue items, the items due next month). Counts are numbers, the rate a percentage and due
/// dates real dates shown dd/MM/yyyy, so the office can sort and sum them.
/// </summary>
public static class ReportXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Cell formats of the stylesheet below, by index.
    private const uint Plain = 0, Bold = 1, Percent = 2, Date = 3;

    public static byte[] Render(MonthlyReport report)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();

            var summary = new List<Row>
            {
                Line(Text(ReportLabels.Title, Bold)),
                Line(Text(ReportLabels.Period(report))),
                Line(),
                Line(Text(ReportLabels.Agency, Bold), Text(ReportLabels.CompletedOnTime, Bold), Text(ReportLabels.CompletedLate, Bold),
                    Text(ReportLabels.InProgress, Bold), Text(ReportLabels.Overdue, Bold), Text(ReportLabels.Total, Bold), Text(ReportLabels.OnTimeRate, Bold)),
            };
            summary.AddRange(report.Agencies.Select(r => AgencyLine(r, Plain)));
            summary.Add(AgencyLine(report.Totals, Bold));
            AddSheet(workbook, "Tổng hợp", summary);

            var overdue = new List<Row>
            {
                Line(Text(ReportLabels.Directive, Bold), Text(ReportLabels.Label, Bold), Text(ReportLabels.Task, Bold), Text(ReportLabels.Agency, Bold),
                    Text(ReportLabels.DueDate, Bold), Text(ReportLabels.DaysOverdue, Bold), Text(ReportLabels.LastEvent, Bold)),
            };
            overdue.AddRange(report.Overdue.Select(i => Line(Text(i.DirectiveId), Text(i.Label), Text(i.Task), Text(i.AgencyName),
                Day(i.DueDate), Number(i.DaysOverdue), Text(i.LastEvent ?? ""))));
            AddSheet(workbook, "Quá hạn", overdue);

            var dueNext = new List<Row>
            {
                Line(Text(ReportLabels.Directive, Bold), Text(ReportLabels.Label, Bold), Text(ReportLabels.Task, Bold), Text(ReportLabels.Agency, Bold),
                    Text(ReportLabels.DueDate, Bold)),
            };
            dueNext.AddRange(report.DueNextMonth.Select(i => Line(Text(i.DirectiveId), Text(i.Label), Text(i.Task), Text(i.AgencyName), Day(i.DueDate))));
            AddSheet(workbook, "Đến hạn tháng sau", dueNext);
        }
        return stream.ToArray();
    }

    private static Row AgencyLine(ReportAgencyRow r, uint style) =>
        Line(Text(r.AgencyName, style), Number(r.CompletedOnTime, style), Number(r.CompletedLate, style),
            Number(r.InProgressWithinDeadline, style), Number(r.Overdue, style), Number(r.Total, style),
            r.OnTimeRate is { } rate ? new Cell { CellValue = new CellValue(rate), DataType = CellValues.Number, StyleIndex = Percent } : Text("–"));

    private static void AddSheet(WorkbookPart workbook, string name, IEnumerable<Row> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint index = 1;
        foreach (var row in rows)
        {
            row.RowIndex = index++;
            data.Append(row);
        }
        part.Worksheet = new Worksheet(data);
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new Sheet
        {
            Id = workbook.GetIdOfPart(part),
            SheetId = (uint)sheets.ChildElements.Count + 1,
            Name = name,
        });
    }

    private static Row Line(params Cell[] cells) => new(cells);

    private static Cell Text(string text, uint style = Plain) =>
        new(new InlineString(new Text(TextRules.ForXml(text)) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = style };

    private static Cell Number(int value, uint style = Plain) =>
        new() { CellValue = new CellValue(value), DataType = CellValues.Number, StyleIndex = style };

    /// <summary>An Excel serial date (days since 1899-12-30) shown dd/MM/yyyy.</summary>
    private static Cell Day(DateOnly day) =>
        new() { CellValue = new CellValue(day.DayNumber - new DateOnly(1899, 12, 30).DayNumber), DataType = CellValues.Number, StyleIndex = Date };

    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true }) { Count = 4 });
}
