using Orchestrator.Domain.Deadlines;
using static Orchestrator.Domain.Tests.TestData;

namespace Orchestrator.Domain.Tests;

/// <summary>The phrase forms of real letters that the first interpreter refused (issue 10, §3):
/// leading verbs and fillers, combined deadline words, named days, urgency beside a date, standing
/// and recurring duties however punctuated, year ranges. Issue date 19/08/2023 unless stated.</summary>
public class DeadlineWordingTests
{
    [Theory]
    // leading verbs and fillers
    [InlineData("hoàn thành trong quý IV năm 2023", "2023-12-31")]
    [InlineData("Hoàn thành quý I/2024", "2024-03-31")]
    [InlineData("xong trước ngày 30/9/2023", "2023-09-29")]
    [InlineData("thực hiện trong tháng 12 năm 2023", "2023-12-31")]
    [InlineData("báo cáo Thủ tướng Chính phủ trước ngày 15 tháng 12 năm 2023", "2023-12-14")]
    [InlineData("trình Thủ tướng Chính phủ trong quý IV năm 2023", "2023-12-31")]
    [InlineData("tổng hợp, báo cáo Thủ tướng Chính phủ trước ngày 15/12/2023", "2023-12-14")]
    // combined forms
    [InlineData("chậm nhất là ngày 15/12/2023", "2023-12-15")]
    [InlineData("chậm nhất là trong quý IV năm 2023", "2023-12-31")]
    [InlineData("chậm nhất trong tháng 11/2023", "2023-11-30")]
    [InlineData("không muộn hơn ngày 15/12/2023", "2023-12-15")]
    [InlineData("không muộn hơn quý IV năm 2023", "2023-12-31")]
    [InlineData("trước hoặc trong tháng 12 năm 2023", "2023-12-31")]
    [InlineData("hoàn thành chậm nhất là ngày 30 tháng 11 năm 2023", "2023-11-30")]
    // a number followed by its words, as the law spells amounts: "ngày 06 (sáu) tháng 12"
    [InlineData("chậm nhất ngày 06 (sáu) tháng 12 (mười hai) năm 2023", "2023-12-06")]
    // a named day with its date
    [InlineData("trước ngày Quốc khánh 2/9/2023", "2023-09-01")]
    [InlineData("trước ngày Giải phóng miền Nam (30/4/2024)", "2024-04-29")]
    [InlineData("ngày Doanh nhân Việt Nam 13/10/2023", "2023-10-13")]
    // year ranges: the end of the range
    [InlineData("2023 - 2025", "2025-12-31")]
    [InlineData("giai đoạn 2023 – 2025", "2025-12-31")]
    [InlineData("trong giai đoạn 2024-2025", "2025-12-31")]
    [InlineData("năm 2023 - 2024", "2024-12-31")]
    public void Reads_the_wording_of_real_letters(string phrase, string words)
    {
        var r = Interpreter.Interpret(phrase, Issued);
        Assert.Equal(DeadlineKind.Date, r.Kind);
        Assert.Equal(D(words), r.WordsDate);
        Assert.False(r.IsUrgent);
        Assert.False(string.IsNullOrWhiteSpace(r.Rule));
    }

    /// <summary>Phrases as public letters of 2024–2025 write them (chỉ thị, nghị quyết phiên họp, thông
    /// báo kết luận, a ministry's reporting rule), issue date 10/01/2025.</summary>
    [Theory]
    [InlineData("từ nay đến cuối năm 2025", "2025-12-31")]
    [InlineData("từ nay đến hết năm 2025", "2025-12-31")]
    [InlineData("đến hết tháng 6 năm 2025", "2025-06-30")]
    [InlineData("giai đoạn 2021 - 2025", "2025-12-31")]
    [InlineData("chậm nhất ngày 15 (mười lăm) tháng 3 năm 2025", "2025-03-15")]
    [InlineData("Hoàn thành trong quý I/2025", "2025-03-31")]
    [InlineData("trình Thủ tướng Chính phủ trước ngày 30 tháng 6 năm 2025", "2025-06-29")]
    [InlineData("báo cáo Thủ tướng Chính phủ kết quả thực hiện trước ngày 20 tháng 12 năm 2025", "2025-12-19")]
    [InlineData("khẩn trương hoàn thiện, trình trong tháng 3 năm 2025", "2025-03-31")]
    public void Reads_phrases_of_public_letters(string phrase, string words)
    {
        var r = Interpreter.Interpret(phrase, new DateOnly(2025, 1, 10));
        Assert.Equal(DeadlineKind.Date, r.Kind);
        Assert.Equal(D(words), r.WordsDate);
    }

    [Fact]
    public void A_named_day_shows_its_name_in_the_rule()
    {
        var r = Interpreter.Interpret("trước ngày Giải phóng miền Nam 30/4/2025", new DateOnly(2025, 1, 10));
        Assert.Equal(new DateOnly(2025, 4, 29), r.WordsDate);
        Assert.Contains("giải phóng miền nam", r.Rule);
        Assert.Contains("before", r.Rule);
    }

    [Fact]
    public void A_year_range_shows_that_it_is_read_as_its_end()
    {
        var r = Interpreter.Interpret("giai đoạn 2023 - 2025", Issued);
        Assert.Contains("end of the range", r.Rule);
        Assert.Contains("2023", r.Rule);
    }

    [Fact]
    public void A_leading_verb_is_named_in_the_rule()
    {
        var r = Interpreter.Interpret("báo cáo Thủ tướng Chính phủ trước ngày 15/12/2023", Issued);
        Assert.Contains("báo cáo thủ tướng chính phủ", r.Rule);
    }

    [Theory]
    [InlineData("Khẩn trương hoàn thành, báo cáo Thủ tướng Chính phủ trước ngày 15 tháng 3 năm 2025", "2025-03-14")]
    [InlineData("khẩn trương, trước ngày 15/3/2025", "2025-03-14")]
    [InlineData("sớm hoàn thành trong quý I năm 2025", "2025-03-31")]
    [InlineData("kịp thời báo cáo trước ngày 15/3/2025", "2025-03-14")]
    [InlineData("triển khai ngay trong tháng 01/2025", "2025-01-31")]
    public void Urgency_beside_a_date_keeps_both(string phrase, string words)
    {
        var r = Interpreter.Interpret(phrase, new DateOnly(2025, 1, 10));
        Assert.Equal(DeadlineKind.Date, r.Kind);
        Assert.Equal(D(words), r.WordsDate);
        Assert.True(r.IsUrgent);
        Assert.Contains("urgent", r.Rule);
    }

    [Theory]
    [InlineData("sớm")]
    [InlineData("kịp thời")]
    [InlineData("Kịp thời báo cáo")]
    [InlineData("sớm nhất có thể")]
    [InlineData("thực hiện ngay")]
    public void Sớm_and_kịp_thời_are_urgency_words(string phrase)
    {
        var r = Interpreter.Interpret(phrase, Issued);
        Assert.Equal(DeadlineKind.Urgent, r.Kind);
        Assert.True(r.IsUrgent);
        Assert.Equal(D("2023-08-25"), r.DueDate);
    }

    [Theory]
    [InlineData("thường xuyên; liên tục")]
    [InlineData("thực hiện thường xuyên")]
    [InlineData("Thường xuyên, liên tục.")]
    [InlineData("liên tục và thường xuyên")]
    [InlineData("thường xuyên - liên tục")]
    public void Standing_duties_however_punctuated(string phrase)
    {
        var r = Interpreter.Interpret(phrase, Issued);
        Assert.Equal(DeadlineKind.Standing, r.Kind);
        Assert.Null(r.DueDate);
    }

    [Theory]
    [InlineData("định kỳ hằng tháng", 1)]
    [InlineData("hằng quý", 3)]
    [InlineData("định kỳ hàng quý", 3)]
    [InlineData("định kỳ 6 tháng", 6)]
    [InlineData("định kỳ hằng năm", 12)]
    [InlineData("hằng năm", 12)]
    [InlineData("định kỳ 2 năm/lần", 24)]
    [InlineData("định kỳ 2 năm một lần", 24)]
    [InlineData("báo cáo định kỳ hằng quý, hằng năm", 3)]
    [InlineData("định kỳ hằng tháng/quý/năm", 1)]
    [InlineData("Thực hiện định kỳ 06 tháng/lần", 6)]
    public void Recurring_duties_have_a_period_and_no_due_date(string phrase, int months)
    {
        var r = Interpreter.Interpret(phrase, Issued);
        Assert.Equal(DeadlineKind.Recurring, r.Kind);
        Assert.Equal(months, r.RecurrenceMonths);
        Assert.Null(r.DueDate);
        Assert.Contains("every", r.Rule);
    }

    [Theory]
    [InlineData("trước khi trình Thủ tướng Chính phủ", "matches none")]   // an event: dueAfter, not a date
    [InlineData("báo cáo kết quả 5 năm trước ngày 15/12/2023", "matches none")] // two numbers: not read apart
    [InlineData("thực hiện", "no time")]
    [InlineData("chậm nhất ngày 06 (bảy) tháng 12 năm 2023", "disagree")]
    [InlineData("giai đoạn 2025 - 2023", "range")]
    [InlineData("trước ngày Quốc khánh", "matches none")]
    [InlineData("trong tháng 11, tháng 12 năm 2023", "matches none")]
    [InlineData("trước ngày 15 tháng 12 hằng năm", "matches none")]   // a day of each year: not one date
    [InlineData("đến tháng 12 năm 2023", "matches none")]              // "until" December: its start or its end?
    public void Still_never_guesses(string phrase, string reason)
    {
        var e = Assert.Throws<UnreadableDeadlineException>(() => Interpreter.Interpret(phrase, Issued));
        Assert.Contains(reason, e.Reason);
    }
}
