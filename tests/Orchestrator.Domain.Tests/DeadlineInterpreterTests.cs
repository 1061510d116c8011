using System.Text;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Deadlines;
using static Orchestrator.Domain.Tests.TestData;

namespace Orchestrator.Domain.Tests;

public class DeadlineInterpreterTests
{
    /// <summary>BRIEF §2 worked examples, issue date 19/08/2023.</summary>
    [Theory]
    [InlineData("trong quý III năm 2023", "2023-09-30", "2023-10-02", true)]
    [InlineData("trong quý IV năm 2023", "2023-12-31", "2024-01-02", true)]
    [InlineData("Đầu quý IV năm 2023", "2023-10-01", "2023-10-02", true)]
    [InlineData("Đầu tháng 12 năm 2023", "2023-12-01", "2023-12-01", false)]
    public void Brief_worked_examples(string phrase, string words, string due, bool rolled)
    {
        var r = Interpreter.Interpret(phrase, Issued);
        Assert.Equal(DeadlineKind.Date, r.Kind);
        Assert.Equal(D(words), r.WordsDate);
        Assert.Equal(D(due), r.DueDate);
        Assert.Equal(rolled, r.RolledOver);
    }

    [Theory]
    // quarters: Roman, Arabic, Q-form, đầu/giữa/cuối
    [InlineData("quý III năm 2023", "2023-09-30")]
    [InlineData("quý 3/2023", "2023-09-30")]
    [InlineData("Q3/2023", "2023-09-30")]
    [InlineData("q4-2023", "2023-12-31")]
    [InlineData("trong quý I năm 2024", "2024-03-31")]
    [InlineData("quý II năm 2024", "2024-06-30")]
    [InlineData("cuối quý 2 năm 2024", "2024-06-30")]
    [InlineData("đầu quý II/2024", "2024-04-01")]
    [InlineData("giữa quý IV năm 2023", "2023-11-15")]
    // months
    [InlineData("tháng 12/2023", "2023-12-31")]
    [InlineData("trong tháng 12 năm 2023", "2023-12-31")]
    [InlineData("cuối tháng 2 năm 2024", "2024-02-29")]
    [InlineData("giữa tháng 10 năm 2023", "2023-10-15")]
    [InlineData("đầu tháng 11/2023", "2023-11-01")]
    [InlineData("trong tháng mười hai năm 2023", "2023-12-31")]
    [InlineData("tháng chạp năm 2023", "2023-12-31")]
    // half years and years
    [InlineData("6 tháng đầu năm 2024", "2024-06-30")]
    [InlineData("sáu tháng cuối năm 2024", "2024-12-31")]
    [InlineData("nửa đầu năm 2024", "2024-06-30")]
    [InlineData("năm 2024", "2024-12-31")]
    [InlineData("trong năm 2024", "2024-12-31")]
    [InlineData("cuối năm 2023", "2023-12-31")]
    [InlineData("đầu năm 2024", "2024-01-01")]
    [InlineData("giữa năm 2024", "2024-06-30")]
    // explicit dates; "trước ngày D" = before D, last day D − 1
    [InlineData("ngày 15/12/2023", "2023-12-15")]
    [InlineData("15/12/2023", "2023-12-15")]
    [InlineData("chậm nhất ngày 15/12/2023", "2023-12-15")]
    [InlineData("trước ngày 15/12/2023", "2023-12-14")]
    [InlineData("trước ngày 15 tháng 12 năm 2023", "2023-12-14")]
    [InlineData("chậm nhất ngày 15 tháng 12 năm 2023", "2023-12-15")]
    [InlineData("ngày mười lăm tháng mười hai năm 2023", "2023-12-15")]
    [InlineData("ngày hai mươi mốt tháng chín năm 2023", "2023-09-21")]
    [InlineData("trước ngày 1-10-2023", "2023-09-30")]
    [InlineData("2023-12-15", "2023-12-15")]
    // relative periods from the issue date 19/08/2023
    [InlineData("trong vòng 30 ngày kể từ ngày ký", "2023-09-18")]
    [InlineData("trong 10 ngày", "2023-08-29")]
    [InlineData("15 ngày làm việc", "2023-09-12")] // 21/8 … 31/8 (9), skips 1/9 and 4/9, 5/9 … 12/9 (15)
    [InlineData("trong vòng 2 tuần kể từ ngày ban hành", "2023-09-02")]
    [InlineData("trong 3 tháng kể từ ngày ký", "2023-11-19")]
    [InlineData("trong vòng mười lăm ngày kể từ ngày ký", "2023-09-03")]
    public void Reads_every_phrase_form(string phrase, string words)
    {
        var r = Interpreter.Interpret(phrase, Issued);
        Assert.Equal(DeadlineKind.Date, r.Kind);
        Assert.Equal(D(words), r.WordsDate);
        Assert.False(string.IsNullOrWhiteSpace(r.Rule));
    }

    [Fact]
    public void Trước_ngày_on_a_holiday_boundary_rolls_like_any_other_last_day()
    {
        // before 2/9/2023 → 1/9 (a holiday) → Tue 5/9
        var r = Interpreter.Interpret("trước ngày 02/9/2023", Issued);
        Assert.Equal(D("2023-09-01"), r.WordsDate);
        Assert.Equal(D("2023-09-05"), r.DueDate);
        Assert.Contains("before", r.Rule);
    }

    [Theory]
    [InlineData("Khẩn trương")]
    [InlineData("ngay")]
    [InlineData("gấp")]
    [InlineData("hoàn thành ngay")]
    [InlineData("  KHẨN   TRƯƠNG. ")]
    public void Urgent_words_imply_working_days_and_are_flagged(string phrase)
    {
        var r = Interpreter.Interpret(phrase, Issued);
        Assert.Equal(DeadlineKind.Urgent, r.Kind);
        Assert.True(r.IsUrgent);
        Assert.Equal(D("2023-08-25"), r.DueDate); // 5 working days after Sat 19/8
    }

    [Fact]
    public void Urgent_working_days_are_configurable()
    {
        var interpreter = new DeadlineInterpreter(Days, new DeadlineOptions { UrgentWorkingDays = 10 });
        Assert.Equal(D("2023-09-05"), interpreter.Interpret("khẩn trương", Issued).DueDate); // skips 1/9, 4/9
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_phrase_is_no_deadline(string? phrase)
    {
        var r = Interpreter.Interpret(phrase, Issued);
        Assert.Equal(DeadlineKind.None, r.Kind);
        Assert.Null(r.DueDate);
        Assert.Null(r.DueUtc);
    }

    [Theory]
    [InlineData("thường xuyên")]
    [InlineData("Thường xuyên, liên tục")]
    public void Thường_xuyên_is_standing(string phrase)
    {
        var r = Interpreter.Interpret(phrase, Issued);
        Assert.Equal(DeadlineKind.Standing, r.Kind);
        Assert.Null(r.DueDate);
    }

    [Fact]
    public void Case_spacing_and_unicode_form_do_not_matter()
    {
        var nfc = Interpreter.Interpret("trong quý IV năm 2023", Issued);
        var nfd = Interpreter.Interpret("TRONG\u00A0 QUÝ  iv   NĂM 2023".Normalize(NormalizationForm.FormD), Issued);
        Assert.Equal(nfc.DueDate, nfd.DueDate);
        Assert.Equal(nfc.WordsDate, nfd.WordsDate);
    }

    [Fact]
    public void Deadline_ends_at_24h_Hanoi_which_is_17h_UTC()
    {
        var r = Interpreter.Interpret("Đầu tháng 12 năm 2023", Issued);
        Assert.Equal(new DateTimeOffset(2023, 12, 2, 0, 0, 0, TimeSpan.FromHours(7)), r.DueEnd);
        Assert.Equal(new DateTime(2023, 12, 1, 17, 0, 0, DateTimeKind.Utc), r.DueUtc);
        Assert.Equal(DateTimeKind.Utc, r.DueUtc!.Value.Kind);
    }

    [Theory]
    [InlineData("trước khi trình Thủ tướng", "matches none")]
    [InlineData("quý V năm 2023", "matches none")]
    [InlineData("trong quý IV", "no year")]
    [InlineData("tháng 13/2023", "not a month")]
    [InlineData("ngày 31/02/2024", "not a calendar date")]
    [InlineData("trong vòng ba mươi ngày làm", "matches none")]
    public void Unreadable_phrase_is_an_error_quoting_it_and_listing_the_forms(string phrase, string reason)
    {
        var e = Assert.Throws<UnreadableDeadlineException>(() => Interpreter.Interpret(phrase, Issued));
        Assert.Equal(phrase, e.Phrase);
        Assert.Contains($"\"{phrase}\"", e.Message);
        Assert.Contains(reason, e.Message);
        Assert.Contains("quý III năm 2023", e.Message);
        Assert.Contains("thường xuyên", e.Message);
    }

    [Fact]
    public void A_date_in_an_expected_year_reads_and_says_it_is_expected()
    {
        // 31/12/2030 is a Tuesday: no roll-over, but 2030 has no decided schedule.
        var r = Interpreter.Interpret("trong quý IV năm 2030", Issued);
        Assert.Equal(new DateOnly(2030, 12, 31), r.DueDate);
        Assert.Contains("expected (dự kiến)", r.Rule);
    }

    [Fact]
    public void Only_a_date_past_2099_is_refused()
    {
        var e = Assert.Throws<CalendarYearMissingException>(() => Interpreter.Interpret("trong quý IV năm 2100", Issued));
        Assert.Equal(2100, e.Year);
        Assert.Contains("2100", e.Message);
    }

    [Fact]
    public void Seed_phrases_all_read()
    {
        // Every deadline phrase of 6411/VPCP-KTTH as written.
        string[] seed = ["Khẩn trương", "ngay", "trong quý III năm 2023", "trong quý IV năm 2023", "Đầu quý IV năm 2023", "Đầu tháng 12 năm 2023"];
        foreach (var phrase in seed)
            Assert.NotNull(Interpreter.Interpret(phrase, Issued).DueDate);
    }
}
