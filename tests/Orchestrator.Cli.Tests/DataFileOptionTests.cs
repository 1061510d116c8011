
namespace Orchestrator.Cli.Tests;

/// <summary>Files named by --calendar and --agencies that are missing or broken are usage errors, named; and an unknown verb is one too.</summary>
public class DataFileOptionTests
{
    private static readonly string Missing = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "data.json");

    [Theory]
    [InlineData("--calendar")]
    [InlineData("--agencies")]
    public void Plan_with_a_missing_data_file_exits_1_naming_the_option_and_the_file(string option)
    {
        var r = CliRunner.Run("plan", CliRunner.SamplePath, option, Missing);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(option, r.Stderr);
        Assert.Contains(Missing, r.Stderr);
    }

    [Fact]
    public void Plan_with_a_calendar_file_that_is_not_json_exits_1_naming_the_option()
    {
        var broken = Path.GetTempFileName();
        try
        {
            File.WriteAllText(broken, "not json");
            var r = CliRunner.Run("plan", CliRunner.SamplePath, "--calendar", broken);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("--calendar", r.Stderr);
        }
        finally { File.Delete(broken); }
    }

    [Fact]
    public void Deadline_with_a_missing_calendar_exits_1_naming_the_option_and_the_file()
    {
        var r = CliRunner.Run("deadline", "quý IV năm 2023", "--issued", "2023-08-19", "--calendar", Missing);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--calendar", r.Stderr);
        Assert.Contains(Missing, r.Stderr);
    }

    [Fact]
    public void An_unknown_verb_is_a_usage_error_and_exits_1()
    {
        var r = CliRunner.Run("no-such-verb");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("'no-such-verb'", r.Stderr);
    }
}
