using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Orchestrator.Local.Storage;

/// <summary>
/// An Azurite process that this program started and therefore stops: on loopback, with its data in
/// a known folder, stopped by process id with SIGTERM so that it saves what it holds in memory.
/// Azurite is pinned in infra/local/package.json and installed there with `npm ci` when missing.
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    private readonly Process _process;

    private AzuriteServer(Process process, StorageEndpoints endpoints, string location)
    {
        _process = process;
        Endpoints = endpoints;
        Location = location;
    }

    public StorageEndpoints Endpoints { get; }
    public string Location { get; }
    public int ProcessId => _process.Id;
    public string ConnectionString => Endpoints.ToConnectionString();

    /// <summary>
    /// Starts Azurite. Ports 0 ask the system for free ports (what tests use); the ports actually
    /// bound are read from Azurite's own start-up lines.
    /// </summary>
    public static async Task<AzuriteServer> StartAsync(string location, int blobPort = 0, int queuePort = 0, int tablePort = 0,
        TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        var packageFolder = LocalPackageFolder.Find();
        await EnsureInstalledAsync(packageFolder, log, cancellationToken);
        Directory.CreateDirectory(location);

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = packageFolder,
        };
        foreach (var arg in new[]
                 {
                     Path.Combine(packageFolder, "node_modules", "azurite", "dist", "src", "azurite.js"),
                     "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl", "--location", location,
                     "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(),
                 })
            start.ArgumentList.Add(arg);

        var process = StartOrExplain(start);
        var ports = new Dictionary<string, int>();
        var allListening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void OnLine(string? line)
        {
            if (line is null) return;
            output.Enqueue(line);
            var match = ListeningLine().Match(line);
            if (!match.Success) return;
            lock (ports)
            {
                ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value);
                if (ports.Count == 3) allListening.TrySetResult();
            }
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync(cancellationToken);
        var ready = await Task.WhenAny(allListening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60), cancellationToken));
        if (ready != allListening.Task)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw new InvalidOperationException(
                "Azurite did not start (is a port in use?). Its output:\n" + string.Join('\n', output));
        }

        var server = new AzuriteServer(process,
            StorageEndpoints.OnLoopback("127.0.0.1", ports["Blob"], ports["Queue"], ports["Table"]), location);
        log?.WriteLine($"Azurite started (pid {process.Id}), data in {location}");
        return server;
    }

    private static Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException(
                "Node.js is needed to run Azurite, the local Azure Storage emulator, but `node` was not found on PATH. " +
                "Install Node.js 20 or later (Debian/Ubuntu: `apt-get install -y nodejs npm`), " +
                "or point AzureWebJobsStorage at a storage account that is already running.");
        }
    }

    private static async Task EnsureInstalledAsync(string packageFolder, TextWriter? log, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(packageFolder, "node_modules", "azurite", "dist", "src", "azurite.js"))) return;

        log?.WriteLine($"Installing Azurite with `npm ci` in {packageFolder} ...");
        var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
        {
            WorkingDirectory = packageFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var npm = StartOrExplain(start);
        var stdout = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = npm.StandardError.ReadToEndAsync(cancellationToken);
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0)
            throw new InvalidOperationException($"`npm ci` in {packageFolder} failed ({npm.ExitCode}):\n{await stdout}\n{await stderr}");
    }

    /// <summary>Stops Azurite with SIGTERM (it saves its data), then SIGKILL if it has not exited in 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process.HasExited) { _process.Dispose(); return; }
        _ = SendSignal(_process.Id, Sigterm);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _process.WaitForExitAsync(grace.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        _process.Dispose();
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
