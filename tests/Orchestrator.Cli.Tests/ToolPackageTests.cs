using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary>
/// The operator CLI as a dotnet tool: packed from the local project, installed into a temporary
/// tool path, and run as `orchestrator` against a running local host.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "orchestrator-tool-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task The_packed_tool_installs_and_runs_an_admin_verb_against_a_local_host()
    {
        var metadata = typeof(ToolPackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value!);
        var packages = Path.Combine(_work, "nupkg");
        var tools = Path.Combine(_work, "tools");
        // A version of its own, so no earlier run's package is taken from a cache.
        var version = "0.0.0-test." + Guid.NewGuid().ToString("N")[..12];
        // Restores into a folder of its own too: the tool package has no dependencies to fetch.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_work, "packages") };

        var pack = await RunAsync("dotnet", ["pack", metadata["LocalProjectPath"], "-c", metadata["Configuration"], "--no-build",
            "-o", packages, $"-p:PackageVersion={version}"], environment);
        Assert.True(pack.ExitCode == 0, pack.Output);
        var install = await RunAsync("dotnet", ["tool", "install", "Orchestrator.Cli", "--tool-path", tools, "--add-source", packages,
            "--version", version], environment);
        Assert.True(install.ExitCode == 0, install.Output);
        var orchestrator = Path.Combine(tools, RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "orchestrator.exe" : "orchestrator");

        var help = await RunAsync(orchestrator, ["--help"], environment);
        Assert.True(help.ExitCode == 0, help.Output);
        Assert.Contains("audit", help.Output);

        await using var host = await TestHost.StartAsync();
        var audit = await RunAsync(orchestrator, ["audit", "--json", $"--url={host.BaseAddress}"],
            new Dictionary<string, string>(environment) { ["ORCHESTRATOR_ADMIN_KEY"] = TestHost.AdminKey });
        Assert.True(audit.ExitCode == 0, audit.Output);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(audit.Stdout).RootElement.GetProperty("entries").ValueKind);

        var wrongKey = await RunAsync(orchestrator, ["audit", "--url", host.BaseAddress.ToString(), "--key", TestHost.ApiKey], environment);
        Assert.Equal(2, wrongKey.ExitCode);
        Assert.Contains("401", wrongKey.Output);
    }

    private sealed record Result(int ExitCode, string Stdout, string Output);

    private static async Task<Result> RunAsync(string program, string[] args, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        // The tool's launcher finds the runtime this test runs on.
        start.Environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not end in 5 minutes");
        }
        return new Result(process.ExitCode, await stdout, $"{program} {string.Join(' ', args)}\n{await stdout}\n{await stderr}");
    }
}
