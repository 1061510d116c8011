using Orchestrator.Local.Storage;

namespace Orchestrator.Testing;

/// <summary>
/// One Azurite for the whole test process, on free ports, with its data in a temporary folder.
/// It is stopped when the test process exits (see AzuriteServer: also if the test process is killed). Tests keep apart by using
/// their own task hub and table prefix (<see cref="TestNames"/>).
/// Set ORCHESTRATOR_TEST_STORAGE to a connection string to use a storage that is already running.
/// </summary>
public static class SharedAzurite
{
    private static readonly Lazy<Task<string>> ConnectionString = new(StartAsync);
    private static AzuriteServer? _server;

    public static Task<string> GetConnectionStringAsync() => ConnectionString.Value;

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("ORCHESTRATOR_TEST_STORAGE") is { Length: > 0 } given) return given;
        var location = Path.Combine(Path.GetTempPath(), "orchestrator-tests-azurite-" + Environment.ProcessId);
        _server = await AzuriteServer.StartAsync(location);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            try { Directory.Delete(location, recursive: true); } catch (IOException) { }
        };
        return _server.ConnectionString;
    }
}
