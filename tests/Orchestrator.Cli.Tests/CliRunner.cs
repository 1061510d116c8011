using Orchestrator.Local;
using Orchestrator.Local.Commands;
using System.Text.Json;

namespace Orchestrator.Cli.Tests;

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;
}

internal static class CliRunner
{
    /// <summary>Runs the executable's command line in-process, as `orchestrator &lt;args&gt;` would.</summary>
    public static CliResult Run(params string[] args) => RunAsync(null, args).GetAwaiter().GetResult();

    public static async Task<CliResult> RunAsync(HttpMessageHandler? api, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, new CliContext(stdout, stderr) { HttpHandler = api });
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The sample directive as copied next to the binaries (as a user would pass it).</summary>
    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "samples", "6411-VPCP-KTTH.json");
}
