using DocumentFormat.OpenXml.Packaging;
using Orchestrator.Domain.Common;
using Orchestrator.Domain.Escalation;
using Orchestrator.Workflows.Api;
using Orchestrator.Workflows.Dashboard;
using Orchestrator.Workflows.Reports;
using Orchestrator.Workflows.Storage;

namespace Orchestrator.Workflows.Tests;

/// <summary>
/// Text XML cannot hold (U+FFFE, U+FFFF, lone surrogates, C0 controls) is refused at the door by the
/// one rule every route uses, and the workbook writers strip it, so a row stored before the rule
/// cannot break an export or a report for everyone (issue 23).
/// </summary>
public sealed class UnholdableTextTests
{
    // Code units, not strings: the test runner would turn a lone surrogate in a string into U+FFFD.
    [Theory]
    [InlineData(0xFFFF)]
    [InlineData(0xFFFE)]
    [InlineData(0xD800)]
    [InlineData(0xDC00)]
    [InlineData(0x0001)]
    [InlineData(0x001F)]
    [InlineData(0x0000)]
    public void The_one_text_rule_refuses_what_xml_forbids_in_one_line_and_multiline_fields(int codeUnit)
    {
        var text = "a" + (char)codeUnit + "b";
        Assert.NotNull(TextRules.Problem(text, 100));
        Assert.NotNull(TextRules.Problem(text, 100, multiline: true));
        var problems = new List<FieldError>();
        RequestLimits.Check(problems, "note", text, RequestLimits.Note, multiline: true);
        Assert.Equal("note", Assert.Single(problems).Field);
    }

    [Fact]
    public void The_rule_names_the_non_character_and_keeps_what_xml_holds()
    {
        Assert.Contains("U+FFFF", TextRules.Problem("Bộ Tài chính\uFFFF", 100));
        Assert.Null(TextRules.Problem("Bộ Tài chính 😀\tdòng\r\nhai", 100, multiline: true));
    }

    [Fact]
    public void ForXml_strips_only_what_xml_forbids()
    {
        Assert.Equal("ab", TextRules.ForXml("a\uFFFFb"));
        Assert.Equal("ab", TextRules.ForXml("a\uD800b\u0001"));
        Assert.Equal("a😀\tb\r\nc", TextRules.ForXml("a😀\tb\r\nc"));
        var clean = "Bộ Tài chính";
        Assert.Same(clean, TextRules.ForXml(clean));
        Assert.Equal("", TextRules.ForXml(null));
    }

    private static ItemView Item(string task) =>
        new("2026-1-VPCP-KTTH", "1", "i", task, "Bộ\uFFFE Tài chính", "BTC", "Bộ Tài chính\u0002", "2026-12-30", null, "Open", 0,
            null, false, StatusCategory.InProgressWithinDeadline, null);

    [Fact]
    public void An_export_with_a_stored_row_xml_cannot_hold_is_written_without_those_characters()
    {
        var bytes = ItemWorkbook.Write([Item("rà soát\uFFFF dự án\uD800"), Item("bình thường")]);

        using var workbook = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var text = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.InnerText;
        Assert.Contains("rà soát dự án", text);
        Assert.Contains("bình thường", text);
    }

    [Fact]
    public void A_monthly_report_with_such_a_row_is_written_too()
    {
        var row = new ReportAgencyRow("BTC", "Bộ Tài chính\uFFFF", 1, 0, 0, 1);
        var report = new MonthlyReport(ReportPeriod.Month(2026, 11), null, DateTimeOffset.UtcNow, [row], row,
            [new ReportOverdueItem("2026-1-VPCP-KTTH", "1", "rà soát\uFFFE", "BTC", "Bộ Tài chính", new DateOnly(2026, 11, 2), 28, "02/11/2026: note\u0007")],
            [new ReportDueItem("2026-1-VPCP-KTTH", "2", "báo cáo\uDC00", "BTC", "Bộ Tài chính", new DateOnly(2026, 12, 15))]);

        using var workbook = SpreadsheetDocument.Open(new MemoryStream(ReportXlsx.Render(report)), false);
        var text = string.Concat(workbook.WorkbookPart!.WorksheetParts.Select(p => p.Worksheet.InnerText));
        Assert.Contains("rà soát", text);
        Assert.Contains("báo cáo", text);
        Assert.DoesNotContain('\uFFFF', text);
    }
}
