using Orchestrator.Local.Commands;

namespace Orchestrator.Cli.Tests;

public class DeadlineCommandTests
{
    [Theory]
    [InlineData("trong quý III năm 2023", "2023-09-30", "2023-10-02", true)]
    [InlineData("trong quý IV năm 2023", "2023-12-31", "2024-01-02", true)]
    [InlineData("Đầu quý IV năm 2023", "2023-10-01", "2023-10-02", true)]
    [InlineData("Đầu tháng 12 năm 2023", "2023-12-01", "2023-12-01", false)]
    public void Json_gives_the_briefs_worked_examples(string phrase, string words, string due, bool rolled)
    {
        var r = CliRunner.Run("deadline", phrase, "--issued", "2023-08-19", "--json");
        Assert.Equal(0, r.ExitCode);
        var j = r.Json;
        Assert.Equal("date", j.GetProperty("kind").GetString());
        Assert.Equal(words, j.GetProperty("wordsDate").GetString());
        Assert.Equal(due, j.GetProperty("dueDate").GetString());
        Assert.Equal($"{due}T17:00:00Z", j.GetProperty("dueUtc").GetString());
        Assert.Equal(rolled, j.GetProperty("rolledOver").GetBoolean());
        Assert.False(string.IsNullOrEmpty(j.GetProperty("rule").GetString()));
    }

    [Theory]
    [InlineData("khẩn trương", "urgent", "2023-08-25")]
    [InlineData("", "none", null)]
    [InlineData("thường xuyên", "standing", null)]
    public void Json_kinds(string phrase, string kind, string? due)
    {
        var r = CliRunner.Run("deadline", phrase, "--issued", "2023-08-19", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(kind, r.Json.GetProperty("kind").GetString());
        Assert.Equal(due, r.Json.GetProperty("dueDate").GetString());
    }

    [Theory]
    [InlineData("định kỳ hằng quý", 3)]
    [InlineData("định kỳ 2 năm/lần", 24)]
    public void Json_shows_a_recurring_duty_with_its_period(string phrase, int months)
    {
        var r = CliRunner.Run("deadline", phrase, "--issued", "2023-08-19", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("recurring", r.Json.GetProperty("kind").GetString());
        Assert.Equal(months, r.Json.GetProperty("recurrenceMonths").GetInt32());
        Assert.Null(r.Json.GetProperty("dueDate").GetString());
    }

    [Fact]
    public void Text_shows_urgency_beside_a_date_and_what_was_set_aside()
    {
        var r = CliRunner.Run("deadline", "Khẩn trương hoàn thành, báo cáo Thủ tướng Chính phủ trước ngày 15 tháng 3 năm 2025",
            "--issued", "2025-01-10");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Kind:       date (urgent)", r.Stdout);
        Assert.Contains("Words date: 2025-03-14", r.Stdout);
        Assert.Contains("names the work, not the time", r.Stdout);
        var every = CliRunner.Run("deadline", "hằng năm", "--issued", "2023-08-19");
        Assert.Contains("Every:      12 month(s)", every.Stdout);
    }

    [Fact]
    public void Urgent_days_option()
    {
        var r = CliRunner.Run("deadline", "ngay", "--issued", "2023-08-19", "--urgent-days", "10", "--json");
        Assert.Equal("2023-09-05", r.Json.GetProperty("dueDate").GetString());
    }

    [Fact]
    public void Text_output_names_the_roll_over()
    {
        var r = CliRunner.Run("deadline", "quý IV năm 2023", "--issued", "2023-08-19");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Due date:   2024-01-02 (Tuesday), rolled over", r.Stdout);
        Assert.Contains("2024-01-02T17:00:00Z", r.Stdout);
    }

    [Fact]
    public void Unreadable_phrase_exits_2_quoting_it_and_listing_the_forms()
    {
        var r = CliRunner.Run("deadline", "sau Tết", "--issued", "2023-08-19", "--json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("\"sau Tết\"", r.Stderr);
        Assert.Equal("unreadable-deadline", r.Json.GetProperty("error").GetString());
        Assert.True(r.Json.GetProperty("acceptedForms").GetArrayLength() >= 8);
    }

    [Theory]
    [InlineData("quý IV năm 2023")]                                  // no --issued
    [InlineData("quý IV năm 2023", "--issued", "19/08/2023")]        // wrong date format
    [InlineData("--issued", "2023-08-19")]                           // no phrase
    [InlineData("a", "b", "--issued", "2023-08-19")]                 // two phrases
    [InlineData("a", "--issued", "2023-08-19", "--bogus")]
    public void Usage_errors_exit_1(params string[] args)
    {
        var r = CliRunner.Run(["deadline", .. args]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Usage:", r.Stderr);
        Assert.Contains("orchestrator deadline <phrase> [options]", r.Stderr);
        Assert.Equal("", r.Stdout); // the help of a usage error goes to stderr: stdout stays for --json readers
    }

    [Fact]
    public void Options_take_their_value_after_an_equals_sign_too()
    {
        var r = CliRunner.Run("deadline", "quý IV năm 2023", "--issued=2023-08-19", "--urgent-days=10", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("2024-01-02", r.Json.GetProperty("dueDate").GetString());
    }

    [Fact]
    public void A_wrong_date_names_the_option_and_the_expected_form()
    {
        var r = CliRunner.Run("deadline", "quý IV năm 2023", "--issued", "19/08/2023", "--json");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--issued expects a date as YYYY-MM-DD, got \"19/08/2023\"", r.Stderr);
        Assert.Equal("", r.Stdout);
    }
}
