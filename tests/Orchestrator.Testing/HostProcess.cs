using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Orchestrator.Testing;

/// <summary>
/// The local host run as its own process (for tests that kill it), configured through environment
/// variables, on a random port read back from its start-up banner. Always killed by process id.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private HostProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;
    public int ProcessId => _process.Id;
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    public static async Task<HostProcess> StartAsync(IDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        var assembly = typeof(HostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "LocalHostAssemblyPath").Value!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(assembly);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Azurite__AutoStart"] = "false";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var host = new HostProcess(Process.Start(start)!);
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (host._output) host._output.Add(line);
            if (ApiLine().Match(line) is { Success: true } match) address.TrySetResult(new Uri(match.Groups[1].Value));
        }
        host._process.OutputDataReceived += (_, e) => OnLine(e.Data);
        host._process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();

        var ready = await Task.WhenAny(address.Task, host._process.WaitForExitAsync(), Task.Delay(timeout ?? TimeSpan.FromSeconds(60)));
        if (ready != address.Task)
        {
            await host.DisposeAsync();
            throw new InvalidOperationException("The local host process did not start. Its output:\n" + host.Output);
        }
        host.BaseAddress = await address.Task;
        return host;
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    [GeneratedRegex(@"API:\s+(http://[^\s]+?)/api/")]
    private static partial Regex ApiLine();
}
