using Orchestrator.Local;
using Orchestrator.Local.Commands;
using Orchestrator.Local.Commands.Bench;

namespace Orchestrator.Cli.Tests;

/// <summary>The bench verb's options and its figures' arithmetic (the scenarios themselves are run by hand: docs/benchmarks.md).</summary>
public class BenchOptionsTests
{
    /// <summary>The options the bench verb would run with, read as the verb reads them (nothing runs).</summary>
    private static BenchOptions Parse(params string[] args)
    {
        var line = new BenchCommandLine();
        var command = new System.CommandLine.Command("bench");
        foreach (var option in line.Symbols.OfType<System.CommandLine.Option>()) command.Options.Add(option);
        var parse = command.Parse(args);
        Assert.Empty(parse.Errors);
        return line.Bind(parse);
    }

    [Fact]
    public void Options_are_read_with_their_defaults_and_m_defaults_to_a_tenth_of_n()
    {
        var options = Parse("--items", "5000", "--only", "import,api", "--json", "out.json");

        Assert.Equal((5000, 2, 500, 50d, 20d, 120d, "out.json"),
            (options.Items, options.Rounds, options.Due, options.RequestsPerSecond, options.ApiSeconds, options.IdleSeconds, options.JsonPath));
        Assert.True(options.Runs("import") && options.Runs("api"));
        Assert.False(options.Runs("timers") || options.Runs("idle"));
        Assert.True(Parse().Runs("timers"));
    }

    [Theory]
    [InlineData("--items", "0", "--items")]
    [InlineData("--due-together", "2000", "--due-together")]
    [InlineData("--rate", "0", "--rate")]
    [InlineData("--only", "import,nap", "'nap'")]
    public async Task A_wrong_option_is_refused_by_name_with_the_usage_and_exit_code_1(string option, string value, string named)
    {
        var output = new StringWriter();
        var errors = new StringWriter();

        var exit = await CommandLine.RunAsync(["bench", option, value], new CliContext(output, errors));

        Assert.Equal(1, exit);
        Assert.Contains(named, errors.ToString());
        Assert.Contains("bench", errors.ToString());
        Assert.Equal("", output.ToString()); // nothing was started
    }

    [Fact]
    public void Percentiles_take_the_nearest_rank()
    {
        var sample = Enumerable.Range(1, 200).Select(i => TimeSpan.FromMilliseconds(i)).Reverse().ToList();

        Assert.Equal(new Percentiles(200, 100, 198, 200), Percentiles.Of(sample));
        Assert.Equal(new Percentiles(1, 7, 7, 7), Percentiles.Of([TimeSpan.FromMilliseconds(7)]));
        Assert.True(double.IsNaN(Percentiles.Of([]).P99Ms));
    }
}
