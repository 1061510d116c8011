using System.Diagnostics;
using Orchestrator.Local.Storage;

namespace Orchestrator.Testing;

/// <summary>
/// A private Azurite for a test that kills it: on free ports chosen at the first start, with its own
/// data folder, and restarted on the SAME ports and folder, so the connection string a host was
/// given stays valid across restarts. Killed by process id and its folder deleted on dispose.
/// </summary>
public sealed class RestartableAzurite : IAsyncDisposable
{
    private AzuriteServer? _server;
    private int _blobPort, _queuePort, _tablePort;

    private RestartableAzurite(string location) => Location = location;

    public string Location { get; }
    public string ConnectionString { get; private set; } = "";
    public int? ProcessId => _server?.ProcessId;

    public static async Task<RestartableAzurite> StartAsync()
    {
        var azurite = new RestartableAzurite(Path.Combine(Path.GetTempPath(), "orchestrator-chaos-azurite-" + Guid.NewGuid().ToString("N")[..8]));
        var server = await AzuriteServer.StartAsync(azurite.Location);
        azurite._server = server;
        azurite._blobPort = server.Endpoints.Blob.Port;
        azurite._queuePort = server.Endpoints.Queue.Port;
        azurite._tablePort = server.Endpoints.Table.Port;
        azurite.ConnectionString = server.ConnectionString;
        return azurite;
    }

    /// <summary>SIGKILL: Azurite saves nothing it still holds in memory (it saves every ~5 s, see
    /// <see cref="WaitUntilSavedAsync"/>).</summary>
    public async Task KillAsync()
    {
        if (_server is null) return;
        try
        {
            using var process = Process.GetProcessById(_server.ProcessId);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        catch (ArgumentException) { } // already gone
        await _server.DisposeAsync(); // it has exited: only releases the handle
        _server = null;
    }

    /// <summary>The way SIGTERM stops it (AzuriteServer closes its standard input): it saves first.</summary>
    public async Task StopAsync()
    {
        if (_server is null) return;
        await _server.DisposeAsync();
        _server = null;
    }

    /// <summary>Starts it again on the same ports and data folder.</summary>
    public async Task RestartAsync()
    {
        if (_server is not null) throw new InvalidOperationException("Azurite is running: kill or stop it first.");
        // A port freed by the kill is normally free again at once (Node binds with SO_REUSEADDR); retry briefly if not.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _server = await AzuriteServer.StartAsync(Location, _blobPort, _queuePort, _tablePort);
                return;
            }
            catch (InvalidOperationException) when (attempt < 10)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>
    /// Azurite keeps its tables, queues and blobs in memory and saves them every 5 s (LokiJS
    /// autosave, azurite/dist/src/*/persistence/Loki*MetadataStore.js). Once nobody writes to it
    /// (the caller has made sure: e.g. the host is stopped with SIGSTOP), a full autosave interval with
    /// no file of its folder changing means everything it holds is on disk: a kill -9 then loses
    /// nothing. Waits for that condition, at most <paramref name="timeout"/>.
    /// </summary>
    public async Task<bool> WaitUntilSavedAsync(DateTime quietSinceUtc, TimeSpan timeout)
    {
        var interval = TimeSpan.FromSeconds(5.5);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var lastWrite = Directory.EnumerateFiles(Location, "*", SearchOption.AllDirectories)
                .Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.MinValue).Max();
            var since = lastWrite > quietSinceUtc ? lastWrite : quietSinceUtc;
            if (DateTime.UtcNow - since >= interval) return true;
            await Task.Delay(250);
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try { Directory.Delete(Location, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
