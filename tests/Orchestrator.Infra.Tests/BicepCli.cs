using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Orchestrator.Infra.Tests;

/// <summary>One finished bicep CLI run.</summary>
internal sealed partial record BicepResult(string Arguments, int ExitCode, string StdOut, string StdErr)
{
    // e.g. "/repo/infra/main.bicep(12,5) : Warning no-unused-params: Parameter "x" is declared but never used."
    [GeneratedRegex(@"^(?<file>.+?)\((?<line>\d+),(?<col>\d+)\) : (?<level>Error|Warning|Info) (?<code>[^:\s]+): (?<message>.*)$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();

    /// <summary>Diagnostics (errors, warnings, infos) printed on either stream.</summary>
    public IReadOnlyList<string> Diagnostics =>
        DiagnosticLine().Matches(StdErr + "\n" + StdOut).Select(m => m.Value.TrimEnd()).ToList();

    /// <summary>Zero exit code, no diagnostic of any level and nothing else on stderr.</summary>
    public bool IsClean => ExitCode == 0 && Diagnostics.Count == 0 && string.IsNullOrWhiteSpace(StdErr);

    public string Describe() =>
        $"bicep {Arguments}\nexit code {ExitCode}\n--- stderr ---\n{StdErr}\n--- stdout (first 2000 chars) ---\n{StdOut[..Math.Min(StdOut.Length, 2000)]}";
}

/// <summary>Runs the bicep CLI from the Azure.Bicep.CommandLine.linux-x64 NuGet package.</summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Path written into the assembly by the test project (see the .csproj).</summary>
    public static string ExecutablePath { get; } = Locate();

    public static BicepResult Run(params string[] args)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // No network: the templates use no registry modules and every command gets --no-restore;
        // on top of that, any HTTP(S) request bicep might attempt goes to a closed local port and
        // fails instead of silently reaching the internet.
        start.Environment["HTTP_PROXY"] = "http://127.0.0.1:9";
        start.Environment["HTTPS_PROXY"] = "http://127.0.0.1:9";
        start.Environment["NO_PROXY"] = string.Empty;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', args)} did not finish in {Timeout}.");
        }

        process.WaitForExit();
        return new BicepResult(string.Join(' ', args), process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepCliPath")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"bicep CLI not found at '{path}'. Restore tests/Orchestrator.Infra.Tests (package Azure.Bicep.CommandLine.linux-x64).");
        }

        return path;
    }
}
