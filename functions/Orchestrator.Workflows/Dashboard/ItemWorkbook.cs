using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Orchestrator.Domain.Common;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Dashboard;

/// <summary>
/// The item list as an Excel workbook (one sheet, a header row, one row per item), with the
/// dashboard's Vietnamese column names, dates as dd/MM/yyyy text in Vietnam time.
/// </summary>
public static class ItemWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly string[] Header =
        ["Văn bản", "Số hiệu", "Nội dung nhiệm vụ", "Cơ quan chủ trì (theo văn bản)", "Mã cơ quan đang chủ trì", "Cơ quan đang chủ trì",
         "Hạn", "Tình trạng", "Mức đôn đốc", "Ngày kết thúc"];

    public static byte[] Write(IReadOnlyList<ItemView> items)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(Header));
            foreach (var i in items)
                data.Append(Row([i.DirectiveId, i.Label, i.Task, i.LeadAsWritten, i.AgencyInCharge, i.AgencyInChargeName,
                    DueDay(i.DueDate), CategoryName(i.Category.ToString()), i.Level.ToString(CultureInfo.InvariantCulture), Day(i.EndedUtc)]));
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet
            {
                Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Nhiệm vụ",
            }));
        }
        return stream.ToArray();
    }

    /// <summary>The official category's Vietnamese name (the words the dashboard shows).</summary>
    public static string CategoryName(string category) => category switch
    {
        "CompletedOnTime" => "Hoàn thành đúng hạn",
        "CompletedLate" => "Hoàn thành quá hạn",
        "InProgressWithinDeadline" => "Đang thực hiện trong hạn",
        "Overdue" => "Quá hạn",
        _ => "Không tính (" + category + ")",
    };

    // The planned last day (YYYY-MM-DD; on compressed time its real instant is elsewhere).
    private static string DueDay(string? isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", out var d) ? d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "";

    private static string Day(DateTimeOffset? utc) =>
        utc is { } u ? u.ToOffset(VietnamTime.Offset).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "";

    private static Row Row(IEnumerable<string> cells)
    {
        var row = new Row();
        foreach (var text in cells)
            row.Append(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(TextRules.ForXml(text))) });
        return row;
    }
}
