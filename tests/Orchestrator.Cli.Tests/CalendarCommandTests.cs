namespace Orchestrator.Cli.Tests;

/// <summary>The calendar past its data files from the command line (issue 21), and the 'calendar' verb.</summary>
public class CalendarCommandTests
{
    [Fact]
    public void A_year_in_2028_rolls_over_Sunday_and_New_Year_to_2_January_2029_marked_expected()
    {
        var r = CliRunner.Run("deadline", "hoàn thành trong năm 2028", "--issued", "2025-01-24", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("2029-01-02", r.Json.GetProperty("dueDate").GetString());
        Assert.True(r.Json.GetProperty("dueDateExpected").GetBoolean());
        Assert.Contains("01/01/2029 is not a working day (Tết Dương lịch, expected)", r.Json.GetProperty("rule").GetString());

        var text = CliRunner.Run("deadline", "hoàn thành trong năm 2028", "--issued", "2025-01-24");
        Assert.Contains("Due date:   2029-01-02 (Tuesday), rolled over, expected (dự kiến)", text.Stdout);
    }

    [Fact]
    public void Only_a_year_past_2099_is_refused()
    {
        var r = CliRunner.Run("deadline", "trong năm 2100", "--issued", "2025-01-24", "--json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("2000–2099", r.Stderr);
    }

    [Fact]
    public void Show_prints_an_expected_years_days_off()
    {
        var r = CliRunner.Run("calendar", "show", "2029");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("2029: expected", r.Stdout);
        Assert.Contains("2029-02-13 Tuesday   off     Tết Nguyên đán (mùng 1)", r.Stdout);
        Assert.Contains("2029-04-23 Monday    off     Giỗ Tổ Hùng Vương (10/3 âm lịch)", r.Stdout);
    }

    [Fact]
    public void Load_refuses_a_bad_file_before_sending_naming_each_field_exit_2()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{ "year": 2028, "status": "draft", "source": "x", "holidays": [ { "date": "2029-01-01", "name": "a" } ], "workingWeekendDays": [] }""");
            // No host listens at this address: the refusal comes before any request.
            var r = CliRunner.Run("calendar", "load", file, "--reason", "test", "--key", "k", "--url", "http://127.0.0.1:9");
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("status: expected \"official\" or \"announced\"", r.Stderr);
            Assert.Contains("holidays[0].date: expected a date in 2028", r.Stderr);
            Assert.DoesNotContain("cannot reach", r.Stderr);
        }
        finally { File.Delete(file); }
    }
}
