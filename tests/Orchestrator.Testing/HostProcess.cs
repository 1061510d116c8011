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

    private bool _ownsGroup;

    private HostProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;
    public int ProcessId => _process.Id;
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    /// <summary>
    /// Starts the host. With <paramref name="ownProcessGroup"/> (Unix, util-linux setsid) it leads a
    /// new session and process group, so that a test can signal the whole group, as a terminal's
    /// Ctrl+C does, without signalling the test runner; the process id is then the group id.
    /// </summary>
    public static async Task<HostProcess> StartAsync(IDictionary<string, string> environment, TimeSpan? timeout = null,
        bool ownProcessGroup = false)
    {
        var (host, address) = Launch(environment, ownProcessGroup);
        var ready = await Task.WhenAny(address, host._process.WaitForExitAsync(), Task.Delay(timeout ?? TimeSpan.FromSeconds(60)));
        if (ready != address)
        {
            await host.DisposeAsync();
            throw new InvalidOperationException("The local host process did not start. Its output:\n" + host.Output);
        }
        host.BaseAddress = await address;
        return host;
    }

    /// <summary>Runs a host that is expected to stop by itself (it refuses to start): its exit code and
    /// output. Throws when it comes up instead, or is still running after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(IDictionary<string, string> environment, TimeSpan timeout)
    {
        var (host, address) = Launch(environment, ownProcessGroup: false);
        await using (host)
        {
            var exited = host._process.WaitForExitAsync();
            var first = await Task.WhenAny(address, exited, Task.Delay(timeout));
            if (first != exited)
                throw new InvalidOperationException((first == address ? "The local host started" : "The local host did not exit") +
                    ". Its output:\n" + host.Output);
            await host._process.WaitForExitAsync(); // the end of its output too
            return (host._process.ExitCode, host.Output);
        }
    }

    private static (HostProcess Host, Task<Uri> Address) Launch(IDictionary<string, string> environment, bool ownProcessGroup)
    {
        var assembly = typeof(HostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "LocalHostAssemblyPath").Value!;
        var start = new ProcessStartInfo(ownProcessGroup ? "setsid" : "dotnet")
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (ownProcessGroup) start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(assembly);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Azurite__AutoStart"] = "false";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var host = new HostProcess(Process.Start(start)!) { _ownsGroup = ownProcessGroup };
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        Uri? api = null;
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (host._output) host._output.Add(line);
            if (ApiLine().Match(line) is { Success: true } match) api = new Uri(match.Groups[1].Value);
            // Ready once the whole banner is in (tests read its other lines too, such as Azurite's pid).
            if (api is not null && line.Contains(BannerEnd, StringComparison.Ordinal)) address.TrySetResult(api);
        }
        host._process.OutputDataReceived += (_, e) => OnLine(e.Data);
        host._process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return (host, address.Task);
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything.</summary>
    public async Task KillAsync()
    {
        if (_ownsGroup) await SignalGroupAsync("KILL"); // also whatever the host started that outlived it
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGKILL to the host alone, not to what it started.</summary>
    public async Task KillHostOnlyAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    /// <summary>Sends a signal (INT, TERM, KILL) to every process of the host's own group (see StartAsync).</summary>
    public async Task SignalGroupAsync(string signal)
    {
        if (!_ownsGroup) throw new InvalidOperationException("The host was not started in its own process group.");
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, "--", "-" + _process.Id])
            { RedirectStandardError = true, UseShellExecute = false })!;
        await kill.WaitForExitAsync();
    }

    /// <summary>True when the host exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(limit.Token); return true; }
        catch (OperationCanceledException) { return false; }
    }

    public int ExitCode => _process.ExitCode;

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private const string BannerEnd = "Press Ctrl+C to stop.";

    [GeneratedRegex(@"API:\s+(http://[^\s]+?)/api/")]
    private static partial Regex ApiLine();
}
