using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Local.Storage;

/// <summary>
/// An Azurite process that this program started and therefore stops: on loopback, with its data in
/// a known folder. It runs under infra/local/azurite-child.js, which stops Azurite the way SIGTERM
/// does (it saves what it holds in memory) when its standard input closes: that works on every OS
/// (.NET has no SIGTERM to send, Windows no SIGTERM at all), and Azurite also stops when this
/// process dies without disposing it. Azurite is pinned in infra/local/package.json and installed
/// there with `npm ci` when missing.
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly OutputLines _lines;
    private int _disposed;

    private AzuriteServer(Process process, OutputLines lines, StorageEndpoints endpoints, string location)
    {
        _process = process;
        _lines = lines;
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
            RedirectStandardInput = true, // closed to stop it, see DisposeAsync
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = packageFolder,
        };
        foreach (var arg in new[]
                 {
                     Path.Combine(packageFolder, "azurite-child.js"),
                     "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry", "--location", location,
                     "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(CultureInfo.InvariantCulture),
                     "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
                     "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
                 })
            start.ArgumentList.Add(arg);

        var process = StartOrExplain(start);
        var lines = new OutputLines();
        process.OutputDataReceived += (_, e) => lines.Add(e.Data);
        process.ErrorDataReceived += (_, e) => lines.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync(cancellationToken);
        var ready = await Task.WhenAny(lines.AllListening, exited, Task.Delay(TimeSpan.FromSeconds(60), cancellationToken));
        if (ready != lines.AllListening)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("Azurite did not start (is a port in use?). Its output:\n" + lines);
        }

        var ports = await lines.AllListening;
        var server = new AzuriteServer(process, lines,
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

    /// <summary>
    /// Stops Azurite by closing its standard input, and waits (10 s at most) until it has saved its
    /// data: it says so per service ("... successfully closed"). Then it is killed if still running:
    /// Azurite waits for its clients' open connections before it exits, and a client may be this
    /// very process. Already stopping or stopped (Ctrl+C reaches it too) is fine.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (!_process.HasExited)
        {
            try { _process.StandardInput.Close(); }
            catch (IOException) { } // it exited in between: the pipe is already broken
            var exited = _process.WaitForExitAsync();
            await Task.WhenAny(_lines.AllClosed, exited, Task.Delay(TimeSpan.FromSeconds(10)));
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await exited;
        }
        _process.Dispose();
    }

    /// <summary>Azurite's output, read for the ports its services listen on and for their saying they have closed.</summary>
    private sealed partial class OutputLines
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _all = new();
        private readonly Dictionary<string, int> _ports = [];
        private readonly HashSet<string> _closed = [];
        private readonly TaskCompletionSource<IReadOnlyDictionary<string, int>> _allListening = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _allClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The port of each service (Blob, Queue, Table), once all three listen.</summary>
        public Task<IReadOnlyDictionary<string, int>> AllListening => _allListening.Task;

        /// <summary>Done when all three services have closed, which is after each saved its data.</summary>
        public Task AllClosed => _allClosed.Task;

        public void Add(string? line)
        {
            if (line is null) return;
            _all.Enqueue(line);
            lock (_ports)
            {
                if (ListeningLine().Match(line) is { Success: true } listening)
                {
                    _ports[listening.Groups["service"].Value] = int.Parse(listening.Groups["port"].Value, CultureInfo.InvariantCulture);
                    if (_ports.Count == 3) _allListening.TrySetResult(new Dictionary<string, int>(_ports));
                }
                else if (ClosedLine().Match(line) is { Success: true } closed)
                {
                    _closed.Add(closed.Groups["service"].Value);
                    if (_closed.Count == 3) _allClosed.TrySetResult();
                }
            }
        }

        public override string ToString() => string.Join('\n', _all);

        [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://[^:]+:(?<port>\d+)")]
        private static partial Regex ListeningLine();

        [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service successfully closed")]
        private static partial Regex ClosedLine();
    }
}
