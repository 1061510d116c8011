using System.Globalization;

namespace Orchestrator.Local.Commands;

/// <summary>
/// A local host in this process for a verb that plays something (demo, benchmark): its own task
/// hub and tables named after the verb and the time, a random port and key, quiet logs, and an
/// HttpClient that carries the key. It never touches other data.
/// </summary>
public sealed class ScratchHost : IAsyncDisposable
{
    private ScratchHost(LocalHost host, HttpClient client, string name)
    {
        Host = host;
        Client = client;
        Name = name;
    }

    public LocalHost Host { get; }
    public HttpClient Client { get; }

    /// <summary>The task hub name, also the tables' prefix.</summary>
    public string Name { get; }

    /// <param name="settings">More settings, over the scratch ones (bench-storage points the host at its counting proxy).</param>
    public static async Task<ScratchHost> StartAsync(string stem, TimeSpan? requestTimeout = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var name = stem + DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
        var key = Guid.NewGuid().ToString("N");
        var overrides = new Dictionary<string, string?>
        {
            ["TaskHubName"] = name,
            ["Tables:Prefix"] = name,
            ["Api:Key"] = key,
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:DurableTask.AzureStorage"] = "Error",
        };
        foreach (var (setting, value) in settings ?? new Dictionary<string, string?>()) overrides[setting] = value;
        var host = await LocalHost.CreateAsync([], overrides);
        await host.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(host.Addresses.First()), Timeout = requestTimeout ?? TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        return new ScratchHost(host, client, name);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
