using System.Text.Json;

namespace Orchestrator.Cli.Tests;

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;
}

internal static class CliRunner
{
    public static CliResult Run(Func<string[], TextWriter, TextWriter, int> verb, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = verb(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The sample directive as copied next to the binaries (as a user would pass it).</summary>
    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "samples", "6411-VPCP-KTTH.json");
}
