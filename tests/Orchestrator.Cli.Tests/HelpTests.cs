namespace Orchestrator.Cli.Tests;

/// <summary>Every verb answers --help with its usage and options, on stdout, exit 0.</summary>
public class HelpTests
{
    private static readonly string[] VerbNames =
    [
        "serve", "deadline", "plan", "draft", "demo", "bench", "bench-storage", "bench-queries", "report", "agencies", "calendar",
        "failed", "show", "rewind", "restart", "terminate", "purge", "audit",
    ];

    public static TheoryData<string> Verbs => new(VerbNames);

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Each_verb_has_help(string verb)
    {
        var r = CliRunner.Run(verb, "--help");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains($"orchestrator {verb}", r.Stdout);
        Assert.Contains("Usage:", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void The_root_help_lists_every_verb()
    {
        var r = CliRunner.Run("--help");
        Assert.Equal(0, r.ExitCode);
        Assert.All(VerbNames, verb => Assert.Contains(verb, r.Stdout));
    }

    [Fact]
    public void The_admin_verbs_name_their_connection_options()
    {
        var r = CliRunner.Run("restart", "--help");
        Assert.Contains("--url", r.Stdout);
        Assert.Contains("ORCHESTRATOR_ADMIN_KEY", r.Stdout);
        Assert.Contains("--reason", r.Stdout);
    }
}
